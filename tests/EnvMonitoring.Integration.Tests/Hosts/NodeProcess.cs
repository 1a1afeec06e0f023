using EnvMonitoring.Integration.Tests.Launcher;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>
/// The sensor node as a real child process (<c>dotnet EnvMonitoring.Node.dll</c>, simulator backend)
/// reporting one station to a gateway, with its outbox in a temp folder. Its output is plain console
/// text, kept as a bounded tail for failure messages.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly ChildProcess _process;

    private NodeProcess(ChildProcess process, string outboxDirectory)
    {
        _process = process;
        OutboxDirectory = outboxDirectory;
    }

    public string OutboxDirectory { get; }

    public string OutputTail => _process.OutputTail;

    /// <summary>Starts the node; <paramref name="extra"/> adds settings (<c>Node:Simulator:Scenario</c>, …) as <c>--key=value</c>.</summary>
    public static NodeProcess Start(string park, string station, int gatewayPort, TimeSpan reportInterval, IReadOnlyDictionary<string, string>? extra = null)
    {
        var dll = Path.Combine(RepositoryRoot.Path, "firmware", "EnvMonitoring.Node", "bin", Configuration, "net10.0", "EnvMonitoring.Node.dll");
        var outbox = Directory.CreateTempSubdirectory("envmon-node-outbox-").FullName;
        var args = new List<string>
        {
            dll, "--contentRoot", Path.GetDirectoryName(dll)!,
            $"--Node:Park={park}", "--Node:Backend=Simulator",
            "--Node:Gateway:Host=127.0.0.1", $"--Node:Gateway:Port={gatewayPort}",
            $"--Node:ReportInterval={reportInterval:c}", $"--Node:Buffer:Directory={outbox}",
            $"--Node:Stations:0:Id={station}", "--Node:Stations:0:Medium=Water",
        };
        args.AddRange((extra ?? new Dictionary<string, string>()).Select(kv => $"--{kv.Key}={kv.Value}"));
        return new NodeProcess(ChildProcess.Start("dotnet", args, RepositoryRoot.Path), outbox);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.SendSignal(ChildProcess.SigTerm);
            if (!await _process.TryWaitForExitAsync(TimeSpan.FromSeconds(30)))
            {
                _process.SendSignal(ChildProcess.SigKill);
                await _process.WaitForExitAsync(TimeSpan.FromSeconds(10));
            }
        }

        _process.Dispose();
        Directory.Delete(OutboxDirectory, recursive: true);
    }
}
