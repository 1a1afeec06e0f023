namespace EnvMonitoring.Node.Tests.Support;

/// <summary>The repository checkout the tests run from (where EnvMonitoring.sln is).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "EnvMonitoring.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No EnvMonitoring.sln above {AppContext.BaseDirectory}.");
    }
}
