using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// The real cloud host (embedded MQTT broker, ingestion, HTTP API) as a child process, built as
/// <c>dotnet build</c> leaves it, so its CPU time and peak memory are its own.
/// </summary>
internal sealed class CloudHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How much of the host's output <see cref="ReportComplaints"/> shows.</summary>
    private const int ComplaintLines = 60;

    private readonly ChildProcess _process;
    private readonly HttpClient _http;
    private readonly string _quarantineDirectory;

    private CloudHostProcess(ChildProcess process, Uri baseAddress, string? caPath, int mqttPort, int tlsPort, string quarantineDirectory)
    {
        _process = process;
        _quarantineDirectory = quarantineDirectory;
        MqttPort = mqttPort;
        TlsPort = tlsPort;
        CaPath = caPath;
        _http = HttpsClient.Create(baseAddress, caPath, TimeSpan.FromSeconds(10));
    }

    /// <summary>The CA the host's HTTPS certificate chains to; null when it serves plain HTTP.</summary>
    public string? CaPath { get; }

    /// <summary>Where the dashboard and API are served: <c>https://127.0.0.1:port/</c> when started with <c>https</c>.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    public int ProcessId => _process.Id;

    public int MqttPort { get; }

    /// <summary>The MQTTS listener's port; 0 when the host was started without <c>tls</c>.</summary>
    public int TlsPort { get; }

    public int HttpPort => _http.BaseAddress!.Port;

    /// <summary>
    /// Starts the host. <paramref name="clients"/> are its broker's identities (authentication and ACL
    /// on, as shipped); null allows anonymous clients (test-only) for publishers without identities.
    /// With <paramref name="tls"/> its broker also listens for MQTTS (<see cref="TlsPort"/>) with that
    /// server certificate; the plaintext listener stays on, unused (ingestion runs in process).
    /// With <paramref name="https"/> the dashboard and API are served over HTTPS with that server
    /// certificate, as <c>./envmon run</c> serves them.
    /// </summary>
    public static async Task<CloudHostProcess> StartAsync(
        InfluxServer influx, string database, string clientId, CancellationToken ct, IEnumerable<string>? extraEnvironment = null, IReadOnlyList<TestBrokerClient>? clients = null,
        TestCertificates? tls = null, TestCertificates? https = null)
    {
        var dll = Repository.CloudDll;
        if (!File.Exists(dll))
        {
            throw new BenchFailedException($"{dll} is missing: build the solution in {Repository.Configuration} first (`./envmon bench` does).");
        }

        var httpPort = FreePort.Next();
        var mqttPort = FreePort.Next();
        var tlsPort = tls is null ? 0 : FreePort.Next();
        var quarantine = Directory.CreateTempSubdirectory("envmon-bench-quarantine-").FullName;
        string[] environment =
        [
            $"Urls={(https is null ? "http" : "https")}://127.0.0.1:{httpPort}",
            .. https is null ? [] : new[] { $"Https__CertificatePath={https.ServerCertificatePath}", $"Https__KeyPath={https.ServerKeyPath}" },
            string.Create(CultureInfo.InvariantCulture, $"Broker__Port={mqttPort}"),
            .. influx.CloudSettings(database, "__").Select(s => $"{s.Key}={s.Value}"),
            $"Ingestion__ClientId={clientId}",
            $"Quarantine__Directory={quarantine}",
            $"Security__SessionsFile={Path.Combine(quarantine, "sessions.json")}",
            $"Security__KeysDirectory={Path.Combine(quarantine, "keys")}",
            $"Config__Path={Path.Combine(quarantine, "config.db")}",
            $"Seals__KeyDirectory={Path.Combine(quarantine, "seal-keys")}",
            $"Export__Directory={Path.Combine(quarantine, "exports")}",
            $"Notifications__OutboxDirectory={Path.Combine(quarantine, "outbox")}",
            $"Relay__StateDirectory={Path.Combine(quarantine, "relay")}",
            "Logging__LogLevel__Default=Warning",
            "DOTNET_ENVIRONMENT=Production",
            "ASPNETCORE_ENVIRONMENT=Production",
            .. tls is null ? [] : new[]
            {
                string.Create(CultureInfo.InvariantCulture, $"Broker__Tls__Port={tlsPort}"),
                $"Broker__Tls__CertificatePath={tls.ServerCertificatePath}",
                $"Broker__Tls__KeyPath={tls.ServerKeyPath}",
            },
            .. extraEnvironment ?? [],
            .. TestBrokerClient.Settings(clients, "__").Select(kv => $"{kv.Key}={kv.Value}"),
        ];
        var directory = Path.GetDirectoryName(dll)!;
        // The settings (passwords among them) go in the environment, never on a command line; dotnet
        // is started directly, so the pid we read /proc for is the host's own.
        var process = ChildProcess.Start("dotnet", [dll, "--contentRoot", directory], directory, environment: environment.Select(Variable));
        var host = new CloudHostProcess(
            process, new Uri($"{(https is null ? "http" : "https")}://127.0.0.1:{httpPort}/"), https?.CaPath, mqttPort, tlsPort, quarantine);
        try
        {
            await host.WaitUntilHealthyAsync(ct);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Throws when the host has exited: a scenario must not wait for data from a dead process.</summary>
    public void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new BenchFailedException($"the cloud host exited with code {_process.ExitCode}. {Output()}");
        }
    }

    /// <summary>Samples the host says it wrote (<c>samplesWritten</c> of <c>/api/health</c>); null when it does not answer in time.</summary>
    /// <exception cref="BenchFailedException">The health report has no such figure.</exception>
    public async Task<long?> SamplesWrittenAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("api/health", UriKind.Relative), ct);
            using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return health.RootElement.TryGetProperty("samplesWritten", out var written)
                ? written.GetInt64()
                : throw new BenchFailedException("/api/health no longer reports samplesWritten, which (c) paces its stations by.");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // A busy host that answers late: callers poll again, and the watch's stall check and
            // the final COUNT still judge the run.
            return null;
        }
    }

    /// <summary>
    /// The parks this instance holds a lease for and judges (<c>cluster.parks</c> of
    /// <c>/api/health</c>); null when the host did not answer in time or runs alone (no cluster).
    /// </summary>
    public async Task<IReadOnlyList<string>?> ParksHeldAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("api/health", UriKind.Relative), ct);
            using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return health.RootElement.TryGetProperty("cluster", out var cluster) && cluster.ValueKind == JsonValueKind.Object
                ? [.. cluster.GetProperty("parks").EnumerateArray().Select(p => p.GetString()!)]
                : null;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // As for SamplesWrittenAsync: the caller polls again.
            return null;
        }
    }

    /// <summary>Shows the end of the host's output if it logged anything (it runs with Logging:Default=Warning).</summary>
    public void ReportComplaints()
    {
        var lines = _process.OutputTail.Split('\n');
        // The warning that the append-only check is off is expected where the benchmark turns it off.
        if (lines.Any(l => (l.StartsWith("warn:", StringComparison.Ordinal) && !l.Contains("AppendOnlyGuard[18]", StringComparison.Ordinal))
            || l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)))
        {
            BenchLog.Step($"the cloud host logged warnings or errors; its output ends:\n{string.Join('\n', lines.TakeLast(ComplaintLines))}");
        }
    }

    /// <summary>Stops the host gracefully (SIGTERM), killing it after 30 s, and removes its quarantine folder.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.SendSignal(ChildProcess.SigTerm);
                if (!await _process.TryWaitForExitAsync(StopTimeout))
                {
                    BenchLog.Step($"the cloud host ignored SIGTERM for {StopTimeout.TotalSeconds:0} s; killing it");
                }
            }
        }
        finally
        {
            _process.Dispose();
            _http.Dispose();
            Directory.Delete(_quarantineDirectory, recursive: true);
        }
    }

    private string Output() =>
        string.IsNullOrWhiteSpace(_process.OutputTail) ? "It printed nothing." : $"Its output ends:\n{_process.OutputTail}";

    private static KeyValuePair<string, string> Variable(string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        return new(assignment[..equals], assignment[(equals + 1)..]);
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            ThrowIfExited();
            try
            {
                using var response = await _http.GetAsync(new Uri("api/health", UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > StartTimeout)
            {
                throw new BenchFailedException(
                    $"the cloud host did not report healthy within {StartTimeout.TotalSeconds:0} s. {Output()}");
            }

            await Task.Delay(100, ct);
        }
    }
}
