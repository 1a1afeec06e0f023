namespace EnvMonitoring.Cloud.Web;

/// <summary>
/// The province map's background (docs/dashboard.md, "Map"): a tile server's URL template and the
/// attribution its licence asks for. Without a template the map shows its markers on a plain
/// background. The browser may load images from the template's origin and no other
/// (<see cref="Origin"/>, the content security policy's <c>img-src</c>).
/// </summary>
internal sealed record MapTiles
{
    /// <summary>OpenStreetMap's standard tiles (their usage policy: attribution, a referrer, light use).</summary>
    public const string OpenStreetMap = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    public const string OpenStreetMapAttribution = "© OpenStreetMap contributors";

    private MapTiles(string? template, string attribution, string? origin)
    {
        Template = template;
        Attribution = attribution;
        Origin = origin;
    }

    /// <summary>The URL template (<c>{z}</c>, <c>{x}</c>, <c>{y}</c>, optionally <c>{s}</c> as the host's first label), or null: no tiles.</summary>
    public string? Template { get; }

    /// <summary>Plain text shown on the map (never HTML).</summary>
    public string Attribution { get; }

    /// <summary>The tile server as a CSP source (<c>https://tile.openstreetmap.org</c>, <c>https://*.tile.example.org</c> for <c>{s}</c>), or null without tiles.</summary>
    public string? Origin { get; }

    /// <summary>The tiles of <paramref name="options"/>; throws naming the setting when the template is not a usable https URL template.</summary>
    public static MapTiles Of(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var template = string.IsNullOrWhiteSpace(options.MapTiles) ? null : options.MapTiles.Trim();
        var attribution = options.MapAttribution?.Trim() ?? "";
        if (template is null)
        {
            return new MapTiles(null, attribution, null);
        }

        var problem = ProblemOf(template);
        if (problem is not null)
        {
            throw new InvalidOperationException($"{DashboardOptions.Section}:{nameof(DashboardOptions.MapTiles)} = {template}: {problem}");
        }

        var uri = new Uri(Sample(template));
        var host = template.Contains("{s}.", StringComparison.Ordinal) ? "*." + uri.Authority[(uri.Authority.IndexOf('.', StringComparison.Ordinal) + 1)..] : uri.Authority;
        return new MapTiles(template, attribution, $"{uri.Scheme}://{host}");
    }

    /// <summary>Why <paramref name="template"/> cannot be used, or null when it can.</summary>
    public static string? ProblemOf(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (!template.Contains("{z}", StringComparison.Ordinal) || !template.Contains("{x}", StringComparison.Ordinal) || !template.Contains("{y}", StringComparison.Ordinal))
        {
            return "a tile URL template needs {z}, {x} and {y} (e.g. " + OpenStreetMap + "), or leave it empty for a map without tiles";
        }

        if (!Uri.TryCreate(Sample(template), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return "not an https:// URL without credentials (the dashboard is served over HTTPS; browsers refuse plain-http images in it)";
        }

        var authority = template[(template.IndexOf("://", StringComparison.Ordinal) + 3)..].Split('/')[0];
        if (authority.Contains('{', StringComparison.Ordinal) && !(authority.StartsWith("{s}.", StringComparison.Ordinal) && authority.LastIndexOf('{') == 0))
        {
            return "the only placeholder allowed in the host is {s}, as its first label ({s}.tile.example.org)";
        }

        return null;
    }

    // The template with its placeholders filled, to be parsed as a URL.
    private static string Sample(string template) =>
        template.Replace("{s}", "a", StringComparison.Ordinal).Replace("{z}", "0", StringComparison.Ordinal)
            .Replace("{x}", "0", StringComparison.Ordinal).Replace("{y}", "0", StringComparison.Ordinal).Replace("{r}", "", StringComparison.Ordinal);
}
