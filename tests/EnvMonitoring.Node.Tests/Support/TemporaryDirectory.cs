namespace EnvMonitoring.Node.Tests.Support;

/// <summary>A folder of the test's own, removed afterwards.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("envmon-node-test-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
