using System.ComponentModel;
using System.Net;
using EnvMonitoring.Integration.Tests.Launcher;
using EnvMonitoring.Testing;
using Xunit.Abstractions;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>
/// The cloud host as a real child process (<c>dotnet EnvMonitoring.Cloud.dll</c>), so a test can
/// SIGKILL it mid-stream and start it again with the same settings: same HTTP port, same MQTT
/// client id (the persistent session resumes), same quarantine folder. Disposing kills it.
/// </summary>
public sealed class CloudProcess : IAsyncDisposable
{
    private const int OutputCapacityChars = 4 * 1024 * 1024;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly List<string> _errors = [];
    private readonly bool _ownsQuarantine;
    private readonly ITestOutputHelper? _log;
    private ChildProcess? _process;
    private int _runs;

    private CloudProcess(CloudProcessSettings settings, string quarantineDirectory, bool ownsQuarantine, ITestOutputHelper? log)
    {
        _log = log;
        Settings = settings;
        QuarantineDirectory = quarantineDirectory;
        _ownsQuarantine = ownsQuarantine;
        HttpPort = FreePort.Next();
        BaseAddress = new Uri($"{(settings.Tls is null ? "http" : "https")}://127.0.0.1:{HttpPort}/");
        Http = AnonymousClient();
        Http.DefaultRequestHeaders.Authorization = TestUsers.Admin.BasicHeader;
    }

    public CloudProcessSettings Settings { get; }

    /// <summary>The port of <see cref="BaseAddress"/>.</summary>
    public int HttpPort { get; }

    /// <summary>Where the host serves its API and dashboard: https:// with <see cref="CloudProcessSettings.Tls"/>, else http://.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Talks to this host's HTTP API as <see cref="TestUsers.Admin"/>; stays valid across restarts.</summary>
    public HttpClient Http { get; }

    public string QuarantineDirectory { get; }

    /// <summary>A client of <see cref="BaseAddress"/> without credentials, trusting the test CA alone when the host serves HTTPS; redirects are not followed.</summary>
    public HttpClient AnonymousClient() => HttpsClient.Create(BaseAddress, Settings.Tls?.CaPath);

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What the current (or last) run printed.</summary>
    public string OutputTail => _process?.OutputTail ?? "(not running)";

    /// <summary>Log lines at level Error or Critical from every run so far (SIGKILLed runs may lose their last lines).</summary>
    public IReadOnlyList<string> LoggedErrors
    {
        get
        {
            var current = _process is null ? [] : Errors(_process.OutputTail);
            return [.. _errors, .. current];
        }
    }

    /// <summary>
    /// Starts the host and waits until <c>GET /api/health</c> answers 200. The end of each run's
    /// output goes to <paramref name="log"/> (xUnit shows it when the test fails).
    /// </summary>
    public static async Task<CloudProcess> StartAsync(CloudProcessSettings settings, ITestOutputHelper? log = null, string? quarantineDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var owns = quarantineDirectory is null;
        quarantineDirectory ??= Directory.CreateTempSubdirectory("envmon-quarantine-").FullName;
        var cloud = new CloudProcess(settings, quarantineDirectory, owns, log);
        try
        {
            await cloud.StartAgainAsync();
            return cloud;
        }
        catch
        {
            await cloud.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the stopped or killed host again with the same settings and waits until it is healthy.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The cloud process is still running; kill or stop it first.");
        }

        Release();
        _runs++;
        // Settings (passwords among them) go in the environment, never on a command line.
        _process = ChildProcess.Start(
            "dotnet",
            [Path.Combine(BinDirectory, "EnvMonitoring.Cloud.dll"), "--contentRoot", BinDirectory],
            BinDirectory,
            OutputCapacityChars,
            Settings.Environment(HttpPort, QuarantineDirectory).Select(Variable));
        await WaitUntilHealthyAsync(StartTimeout);
    }

    /// <summary>
    /// Starts the host with settings it must refuse: waits until it exits by itself and returns its
    /// exit code and output. Fails if it is still running after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunRefusedAsync(CloudProcessSettings settings, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var data = Directory.CreateTempSubdirectory("envmon-refused-").FullName;
        try
        {
            using var process = ChildProcess.Start(
                "dotnet",
                [Path.Combine(BinDirectory, "EnvMonitoring.Cloud.dll"), "--contentRoot", BinDirectory],
                BinDirectory,
                OutputCapacityChars,
                settings.Environment(FreePort.Next(), data).Select(Variable));
            await process.WaitForExitAsync(timeout);
            return (process.ExitCode!.Value, process.OutputTail);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static KeyValuePair<string, string> Variable(string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        return new(assignment[..equals], assignment[(equals + 1)..]);
    }

    /// <summary>Polls <c>GET /api/health</c> until it answers 200; fails at once if the process exits.</summary>
    public Task WaitUntilHealthyAsync(TimeSpan timeout) =>
        Eventually.UntilAsync(async () => await HealthAsync() == HttpStatusCode.OK, timeout, $"cloud process run {_runs} on port {HttpPort} reports healthy");

    /// <summary>The health endpoint's status code, or null while nothing listens.</summary>
    public async Task<HttpStatusCode?> HealthAsync()
    {
        if (_process is not { HasExited: false })
        {
            throw new InvalidOperationException($"The cloud process (run {_runs}) is not running. Output tail:\n{OutputTail}");
        }

        try
        {
            using var response = await Http.GetAsync(new Uri("api/health", UriKind.Relative));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL: the process ends at once, nothing flushed, nothing acknowledged — a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            // kill(2) straight away: Process.Kill(entireProcessTree) first walks every process on the
            // machine, which under load lets the host run on for a noticeable while. The host starts no children.
            try
            {
                _process.SendSignal(ChildProcess.SigKill);
            }
            catch (Win32Exception) when (_process.HasExited)
            {
                // It ended by itself in the meantime.
            }
        }

        await _process.WaitForExitAsync(ExitTimeout);
    }

    /// <summary>SIGTERM: a graceful shutdown, as a service manager does it.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false })
        {
            return;
        }

        _process.SendSignal(ChildProcess.SigTerm);
        await _process.WaitForExitAsync(ExitTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Release();
        Http.Dispose();
        if (_ownsQuarantine && Directory.Exists(QuarantineDirectory))
        {
            Directory.Delete(QuarantineDirectory, recursive: true);
        }
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private static string BinDirectory { get; } =
        Path.Combine(RepositoryRoot.Path, "cloud", "EnvMonitoring.Cloud", "bin", BuildConfiguration, "net10.0");

    private void Release()
    {
        if (_process is null)
        {
            return;
        }

        var tail = _process.OutputTail;
        _errors.AddRange(Errors(tail));
        var lines = tail.Split('\n');
        _log?.WriteLine($"--- cloud process {Settings.ClientId}, run {_runs}, last lines ---\n{string.Join('\n', lines.TakeLast(40))}");
        _process.Dispose();
        _process = null;
    }

    private static List<string> Errors(string output) =>
        [.. output.Split('\n').Where(line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))];
}
