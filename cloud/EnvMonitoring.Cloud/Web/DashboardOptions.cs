namespace EnvMonitoring.Cloud.Web;

/// <summary>
/// Where the web dashboard's files are (configuration section <c>Dashboard</c>). The app is
/// plain ES modules in <c>dashboards/web</c>; its npm packages are in that folder's
/// <c>node_modules</c> (<c>npm ci</c>).
/// </summary>
internal sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// The folder holding <c>index.html</c>, absolute or relative to the content root. Empty: the
    /// first <c>dashboards/web</c> found upward from the content root or from the host's binaries
    /// (a repository checkout).
    /// </summary>
    public string? Root { get; set; }

    /// <summary>False: the host serves no dashboard files (an API-only instance).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The province map's tile URL template (<see cref="Web.MapTiles"/>); empty: the map draws its
    /// markers without a background. Its origin is the only one the browser may load images from.
    /// </summary>
    public string? MapTiles { get; set; } = Web.MapTiles.OpenStreetMap;

    /// <summary>The tiles' attribution, plain text, shown on the map as their licence asks.</summary>
    public string? MapAttribution { get; set; } = Web.MapTiles.OpenStreetMapAttribution;
}
