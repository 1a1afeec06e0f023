namespace EnvMonitoring.Integration.Tests.Launcher;

internal static class RepositoryRoot
{
    /// <summary>The folder holding <c>envmon</c> and <c>EnvMonitoring.sln</c>, found upward from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "envmon")) && File.Exists(System.IO.Path.Combine(dir.FullName, "EnvMonitoring.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (with envmon and EnvMonitoring.sln) above {AppContext.BaseDirectory}.");
    }
}
