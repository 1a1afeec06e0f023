using System.Net.Sockets;
using EnvMonitoring.Integration.Tests.Launcher;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>
/// The edge gateway as a real child process (<c>dotnet EnvMonitoring.Edge.dll</c>) with its durable log
/// in a temp folder, so a test can SIGKILL it (a power loss) and start it again on the same log and ports.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private const string AllowAnonymous = "Gateway:AllowAnonymous";

    private readonly string _park;
    private readonly string _id;
    private readonly int _cloudPort;
    private readonly IReadOnlyDictionary<string, string> _extra;
    private ChildProcess? _process;

    private GatewayProcess(string park, string id, int cloudPort, IReadOnlyDictionary<string, string> extra)
    {
        _park = park;
        _id = id;
        _cloudPort = cloudPort;
        _extra = extra;
        Port = FreePort.Next();
        LogDirectory = Directory.CreateTempSubdirectory("envmon-gateway-").FullName;
    }

    /// <summary>The MQTT port nodes connect to.</summary>
    public int Port { get; }

    public string LogDirectory { get; }

    public string OutputTail => _process?.OutputTail ?? "(not running)";

    /// <summary>
    /// Starts the gateway; <paramref name="extra"/> adds settings (<c>Gateway:…</c> keys). Nodes connect anonymously unless
    /// <paramref name="extra"/> sets <c>Gateway:AllowAnonymous</c> (with <c>Gateway:Devices</c>).
    /// </summary>
    public static async Task<GatewayProcess> StartAsync(string park, string id, int cloudPort, IReadOnlyDictionary<string, string>? extra = null)
    {
        var gateway = new GatewayProcess(park, id, cloudPort, extra ?? new Dictionary<string, string>());
        await gateway.StartAgainAsync();
        return gateway;
    }

    public async Task StartAgainAsync()
    {
        var dll = Path.Combine(RepositoryRoot.Path, "edge", "EnvMonitoring.Edge", "bin", Configuration, "net10.0", "EnvMonitoring.Edge.dll");
        var args = new List<string>
        {
            dll, "--contentRoot", Path.GetDirectoryName(dll)!,
            $"--Gateway:Park={_park}", $"--Gateway:Id={_id}",
            "--Gateway:Listen:Host=127.0.0.1", $"--Gateway:Listen:Port={Port}",
            "--Gateway:Cloud:Host=127.0.0.1", $"--Gateway:Cloud:Port={_cloudPort}",
            // Its identity on the cloud broker (a test-only password; the product passes it by environment).
            $"--Gateway:Cloud:Username={TestBrokerClient.ForGateway(_park, _id).Username}",
            $"--Gateway:Cloud:Password={TestBrokerClient.ForGateway(_park, _id).Password}",
            $"--Gateway:Log:Directory={LogDirectory}",
            "--Gateway:Forwarding:FlushInterval=00:00:00.050", "--Gateway:Forwarding:AckTimeout=00:00:05",
        };
        if (!_extra.ContainsKey(AllowAnonymous))
        {
            // Nodes need no identity unless the test configures devices and says so.
            args.Add($"--{AllowAnonymous}=true");
        }

        args.AddRange(_extra.Select(kv => $"--{kv.Key}={kv.Value}"));
        _process = ChildProcess.Start("dotnet", args, RepositoryRoot.Path);
        await Eventually.UntilAsync(() =>
        {
            Assert.False(_process.HasExited, $"the gateway exited during start-up:\n{_process.OutputTail}");
            return Accepts(Port);
        }, TimeSpan.FromSeconds(60), "the gateway's node broker accepts connections");
    }

    /// <summary>Power loss: SIGKILL, no chance to flush anything.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.SendSignal(ChildProcess.SigKill);
            await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Directory.Delete(LogDirectory, recursive: true);
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
