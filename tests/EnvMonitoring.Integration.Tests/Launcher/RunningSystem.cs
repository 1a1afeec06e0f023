using System.Text.Json;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Launcher;

/// <summary>
/// One <c>./envmon run</c> (the test's build, <c>--no-build</c>) on free ports with its own data
/// folder, shared by a test class; up once the launcher prints "EnvMonitoring is running", stopped
/// with SIGTERM (what Ctrl-C sends) at the end.
/// </summary>
public sealed class RunningSystem : IAsyncLifetime
{
    public string DataDir { get; } = Directory.CreateTempSubdirectory("envmon-readme-").FullName;

    public int HttpPort { get; } = LauncherProcesses.Port();

    public int MqttPort { get; } = LauncherProcesses.Port();

    public int InfluxPort { get; } = LauncherProcesses.Port();

    public int GatewayBasePort { get; } = LauncherProcesses.FreeRange(3);

    /// <summary>The gateways' metrics ports from here on, then the nodes'.</summary>
    public int MetricsBasePort { get; } = LauncherProcesses.FreeRange(6);

    public ChildProcess Launcher { get; private set; } = null!;

    /// <summary>The demo users' passwords (demo-credentials.json), by user name.</summary>
    public IReadOnlyDictionary<string, string> Passwords { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Launcher = ChildProcess.Start("bash",
        [
            LauncherProcesses.Script, "run", "--no-build", "--http-port", Text(HttpPort), "--mqtt-port", Text(MqttPort),
            "--influx-port", Text(InfluxPort), "--influx-rpc-port", Text(LauncherProcesses.Port()), "--gateway-port", Text(GatewayBasePort), "--metrics-port", Text(MetricsBasePort),
            "--data-dir", DataDir,
        ], RepositoryRoot.Path, environment: [new("ENVMON_CONFIGURATION", LauncherProcesses.BuildConfiguration)]);
        await Eventually.UntilAsync(() =>
        {
            Assert.False(Launcher.HasExited, $"envmon run exited early:\n{Launcher.OutputTail}");
            return Task.FromResult(Launcher.OutputTail.Contains("EnvMonitoring is running.", StringComparison.Ordinal));
        }, TimeSpan.FromMinutes(4), $"envmon run comes up\n{Launcher.OutputTail}");
        Passwords = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(DataDir, "demo-credentials.json")))!;
    }

    public async Task DisposeAsync()
    {
        if (Launcher is not null)
        {
            if (!Launcher.HasExited)
            {
                Launcher.SendSignal(ChildProcess.SigTerm);
                await Launcher.TryWaitForExitAsync(TimeSpan.FromSeconds(90));
            }

            Launcher.Dispose();
        }

        Directory.Delete(DataDir, recursive: true);
    }

    private static string Text(int port) => LauncherProcesses.Text(port);
}
