namespace EnvMonitoring.Cloud.Web;

/// <summary>Finds the dashboard's folder: the configured one, or <c>dashboards/web</c> upward from where the host runs.</summary>
internal static class DashboardFolder
{
    public const string IndexFile = "index.html";
    private static readonly string RepositoryRelative = Path.Combine("dashboards", "web");

    /// <summary>The configured root resolved against <paramref name="contentRoot"/>, whether or not it exists.</summary>
    public static string Configured(string root, string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(root) ? root : Path.Combine(contentRoot, root));

    /// <summary>The first <c>dashboards/web</c> holding an index.html above one of <paramref name="starts"/>, or null.</summary>
    public static string? Find(params string[] starts)
    {
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RepositoryRelative);
                if (File.Exists(Path.Combine(candidate, IndexFile)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
