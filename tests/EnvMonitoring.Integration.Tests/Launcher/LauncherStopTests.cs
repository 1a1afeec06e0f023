using System.Diagnostics;
using System.Text.RegularExpressions;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Launcher;

/// <summary>
/// <c>./envmon run</c> stops every child it started however it is stopped: Ctrl-C in a terminal
/// while its output goes through a pipe (SIGINT to the whole pipeline's process group: the pipe's
/// reader dies with it), or the launcher killed outright (its watchdog stops them); and when a
/// child dies, it says which, how and why (the end of the child's log) and stops the rest.
/// </summary>
public sealed class LauncherStopTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("envmon-stop-").FullName;
    private readonly int _http = LauncherProcesses.Port(), _mqtt = LauncherProcesses.Port(), _influx = LauncherProcesses.Port(), _rpc = LauncherProcesses.Port();
    private readonly int _gateways = LauncherProcesses.FreeRange(3);
    private readonly int _metrics = LauncherProcesses.FreeRange(6);

    private int[] Ports => [_http, _mqtt, _influx, _rpc, _gateways, _gateways + 1, _gateways + 2, .. Enumerable.Range(_metrics, 6)];

    private string Options => string.Join(' ', "--no-build", "--http-port", Text(_http), "--mqtt-port", Text(_mqtt), "--influx-port", Text(_influx),
        "--influx-rpc-port", Text(_rpc), "--gateway-port", Text(_gateways), "--metrics-port", Text(_metrics), "--data-dir", $"'{_dataDir}'");

    [Fact]
    public async Task Ctrl_c_of_run_piped_into_cat_leaves_no_process_and_no_port()
    {
        // The pipeline as a terminal's shell starts it: in a process group (a session) of its own,
        // with Ctrl-C's SIGINT (and SIGPIPE) at their defaults whatever this test host ignores
        // (bash cannot trap a signal ignored when it starts). Ctrl-C is SIGINT to that whole group.
        using var pipeline = ChildProcess.Start("/usr/bin/python3",
        [
            "-c", "import os, signal, sys\nfor s in (signal.SIGINT, signal.SIGQUIT, signal.SIGPIPE, signal.SIGXFSZ): signal.signal(s, signal.SIG_DFL)\nos.setsid()\nos.execvp(sys.argv[1], sys.argv[1:])",
            "bash", "-c", $"bash '{LauncherProcesses.Script}' run {Options} | cat",
        ], RepositoryRoot.Path, environment: [new("ENVMON_CONFIGURATION", LauncherProcesses.BuildConfiguration)]);
        await UpAsync(pipeline);

        await SignalGroupAsync(pipeline.Id, "INT");

        Assert.True(await pipeline.TryWaitForExitAsync(TimeSpan.FromSeconds(90)), $"the pipeline still runs 90 s after Ctrl-C:\n{pipeline.OutputTail}");
        await AssertAllStoppedAsync(pipeline.OutputTail);
    }

    [Fact]
    public async Task Killing_the_launcher_outright_still_stops_every_child()
    {
        using var launcher = ChildProcess.Start("bash", ["-c", $"exec bash '{LauncherProcesses.Script}' run {Options}"],
            RepositoryRoot.Path, environment: [new("ENVMON_CONFIGURATION", LauncherProcesses.BuildConfiguration)]);
        await UpAsync(launcher);

        launcher.SendSignal(ChildProcess.SigKill);

        await launcher.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await AssertAllStoppedAsync(launcher.OutputTail);
    }

    [Fact]
    public async Task A_child_that_dies_is_named_with_the_reason_from_its_log_and_the_rest_stop()
    {
        // The Yên Bình node's outbox folder is taken by a file: the node cannot start, and says so in its log.
        var outbox = Path.Combine(_dataDir, "node-YenBinh", "outbox");
        Directory.CreateDirectory(Path.GetDirectoryName(outbox)!);
        await File.WriteAllTextAsync(outbox, "not a folder");
        using var launcher = ChildProcess.Start("bash", ["-c", $"exec bash '{LauncherProcesses.Script}' run {Options}"],
            RepositoryRoot.Path, environment: [new("ENVMON_CONFIGURATION", LauncherProcesses.BuildConfiguration)]);

        Assert.True(await launcher.TryWaitForExitAsync(TimeSpan.FromMinutes(4)), $"envmon run did not stop after its node died:\n{launcher.OutputTail}");

        Assert.Equal(1, launcher.ExitCode);
        var output = launcher.OutputTail;
        Assert.True(
            Regex.IsMatch(output, @"node YenBinh (exited with code [1-9]\d*|was killed by SIG[A-Z]+ \(exit code \d+\)); the end of its log \(.*node-YenBinh\.log\):"),
            $"the launcher does not name the node that died:\n{output}");
        // The reason itself, from the node's log: the path it could not use.
        var reason = output[output.IndexOf("the end of its log", StringComparison.Ordinal)..];
        Assert.Contains(outbox, reason, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)envmon: line \d+: +\d+ Aborted", output);
        Assert.Contains("stopped everything", output, StringComparison.Ordinal);
        await AssertAllStoppedAsync(output);
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private static string Text(int port) => LauncherProcesses.Text(port);

    private static async Task UpAsync(ChildProcess launcher) =>
        await Eventually.UntilAsync(() =>
        {
            Assert.False(launcher.HasExited, $"envmon run exited early:\n{launcher.OutputTail}");
            return launcher.OutputTail.Contains("EnvMonitoring is running.", StringComparison.Ordinal);
        }, TimeSpan.FromMinutes(4), "envmon run comes up");

    private static async Task SignalGroupAsync(int group, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, "--", "-" + LauncherProcesses.Text(group)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Within 30 s: no process names the data folder and no port listens.</summary>
    private async Task AssertAllStoppedAsync(string output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (LauncherProcesses.Using(_dataDir).Count > 0 || Ports.Any(LauncherProcesses.Listening)))
        {
            await Task.Delay(500);
        }

        var left = LauncherProcesses.Using(_dataDir);
        Assert.True(left.Count == 0, $"still running after envmon stopped:\n{string.Join('\n', left)}\n\nenvmon's output:\n{output}");
        foreach (var port in Ports)
        {
            Assert.False(LauncherProcesses.Listening(port), $"port {port} still listens after envmon stopped:\n{output}");
        }
    }
}
