using System.Reflection;

namespace EnvMonitoring.Benchmarks;

/// <summary>Where the repository and the cloud host's build are, seen from the running benchmark.</summary>
internal static class Repository
{
    /// <summary>The folder holding <c>EnvMonitoring.sln</c>, found upwards from this build; else the current directory.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of this benchmark; the cloud host is taken from the same one.</summary>
    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>The cloud host as <c>dotnet build</c> leaves it: <c>cloud/EnvMonitoring.Cloud/bin/{Configuration}/net10.0/</c>.</summary>
    public static string CloudDll => Path.Combine(Root, "cloud", "EnvMonitoring.Cloud", "bin", Configuration, "net10.0", "EnvMonitoring.Cloud.dll");

    public static string DefaultJsonPath => Path.Combine(Root, "TestResults", "bench", "ingestion.json");

    public static string MicroArtifacts => Path.Combine(Root, "TestResults", "bench", "micro");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EnvMonitoring.sln")))
            {
                return directory.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
