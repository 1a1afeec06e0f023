using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Protocol.Security;
using EnvMonitoring.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Integration.Tests.Launcher;

/// <summary>
/// <c>./envmon run --instances 2</c> for real (issue #20): InfluxDB, mosquitto, Redis, PostgreSQL,
/// two cloud instances, the demo gateways and nodes, all the launcher's children. Every demo park is
/// judged by exactly one instance, both serve every station over HTTPS, and SIGTERM stops everything.
/// </summary>
public sealed class EnvmonClusterRunTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("envmon-cluster-").FullName;
    private readonly int _http = LauncherProcesses.FreeRange(2);
    private readonly int _mqtt = LauncherProcesses.Port(), _influx = LauncherProcesses.Port(), _rpc = LauncherProcesses.Port();
    private readonly int _redis = LauncherProcesses.Port(), _postgres = LauncherProcesses.Port();
    private readonly int _gateways = LauncherProcesses.FreeRange(3);
    private readonly int _metrics = LauncherProcesses.FreeRange(6);

    private int[] Ports => [_http, _http + 1, _mqtt, _influx, _rpc, _redis, _postgres, _gateways, _gateways + 1, _gateways + 2, .. Enumerable.Range(_metrics, 6)];

    [Fact]
    public async Task Two_instances_share_the_demo_parks_both_serve_every_station_and_sigterm_stops_every_child()
    {
        using var launcher = ChildProcess.Start("bash",
        [
            LauncherProcesses.Script, "run", "--instances", "2", "--no-build", "--http-port", Text(_http), "--mqtt-port", Text(_mqtt),
            "--influx-port", Text(_influx), "--influx-rpc-port", Text(_rpc), "--gateway-port", Text(_gateways), "--metrics-port", Text(_metrics),
            "--redis-port", Text(_redis), "--postgres-port", Text(_postgres),
            "--data-dir", _dataDir, "--interval", "00:00:02",
        ], RepositoryRoot.Path, environment: [new("ENVMON_CONFIGURATION", LauncherProcesses.BuildConfiguration)]);
        await Eventually.UntilAsync(() =>
        {
            Assert.False(launcher.HasExited, $"envmon run exited early:\n{launcher.OutputTail}");
            return Task.FromResult(launcher.OutputTail.Contains("EnvMonitoring is running.", StringComparison.Ordinal));
        }, TimeSpan.FromMinutes(5), "envmon run --instances 2 comes up");

        var ca = Path.Combine(_dataDir, "tls", "ca.crt");
        var admin = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(_dataDir, "demo-credentials.json")))!["admin"];
        using var first = Instance(_http, ca, admin);
        using var second = Instance(_http + 1, ca, admin);
        HttpClient[] instances = [first, second];
        var (parks, stations) = await DemoAsync();

        // Each demo park is judged by exactly one instance: the parks of both, together, are the demo's, none twice.
        var owned = new List<string>();
        await Eventually.UntilAsync(async () =>
        {
            owned.Clear();
            foreach (var instance in instances)
            {
                using var response = await instance.GetAsync(new Uri("api/health", UriKind.Relative));
                var health = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (response.StatusCode != HttpStatusCode.OK || !health.TryGetProperty("cluster", out var cluster) || cluster.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                owned.AddRange(cluster.GetProperty("parks").EnumerateArray().Select(p => p.GetString()!));
            }

            return owned.Order(StringComparer.Ordinal).SequenceEqual(parks.Order(StringComparer.Ordinal));
        }, TimeSpan.FromSeconds(60), $"every demo park is judged by exactly one instance (last seen: {string.Join(", ", owned)})");
        Assert.Contains("judges", launcher.OutputTail, StringComparison.Ordinal);
        Assert.Contains($"https://127.0.0.1:{Text(_http + 1)}/", launcher.OutputTail, StringComparison.Ordinal);

        // Every demo station's readings reach the instance that judges its park, and both show it live.
        foreach (var instance in instances)
        {
            await Eventually.UntilAsync(async () =>
            {
                var views = await instance.GetFromJsonAsync<JsonElement>(new Uri("api/stations", UriKind.Relative));
                var measured = views.EnumerateArray()
                    .Where(v => v.TryGetProperty("live", out var live) && live.ValueKind == JsonValueKind.Object && live.GetProperty("lastMeasuredAt").ValueKind == JsonValueKind.String)
                    .Select(v => v.GetProperty("station").GetString()!)
                    .ToHashSet(StringComparer.Ordinal);
                return stations.All(measured.Contains);
            }, TimeSpan.FromSeconds(90), $"{instance.BaseAddress} shows a measurement of every demo station");
        }

        Assert.True(await StoredAsync(stations[0]) > 0, $"no sample of {stations[0]} in InfluxDB");

        // The cluster's passwords are the owner's alone, and mosquitto keeps only hashes.
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dataDir, "cluster-credentials.json")));
        }

        var gatewayPasswords = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(_dataDir, "gateway-credentials.json")))!;
        var passwd = await File.ReadAllTextAsync(Path.Combine(_dataDir, "mosquitto", "passwd"));
        Assert.All(gatewayPasswords, p => Assert.DoesNotContain(p.Value, passwd, StringComparison.Ordinal));
        Assert.All(gatewayPasswords, p => Assert.Contains($"gw-{p.Key}:$", passwd, StringComparison.Ordinal));

        // mosquitto has one listener, MQTTS, for the gateways and the instances alike (Ingestion:Tls, the launcher's CA).
        var mosquittoConf = await File.ReadAllLinesAsync(Path.Combine(_dataDir, "mosquitto", "mosquitto.conf"));
        Assert.Equal([$"listener {Text(_mqtt)} 127.0.0.1"], mosquittoConf.Where(l => l.StartsWith("listener ", StringComparison.Ordinal)));
        Assert.Contains($"certfile {Path.Combine(_dataDir, "tls", "mosquitto.crt")}", mosquittoConf);

        // mosquitto's ACL: a gateway may not publish on another park's topics (mosquitto 2.0 grants any
        // subscription and filters what it delivers, so publishing is where a refusal shows).
        using (var trusted = TrustedCa.Load(ca, "the launcher's private CA"))
        using (var gateway = new MqttClientFactory().CreateMqttClient())
        {
            var connected = await gateway.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", _mqtt).WithClientId("acl-probe").WithProtocolVersion(MqttProtocolVersion.V500)
                .WithCredentials("gw-yb-gw-01", gatewayPasswords["yb-gw-01"])
                .WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(e => trusted.Accepts(e.Certificate, e.Chain, e.SslPolicyErrors, checkName: true, out _)))
                .Build());
            Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
            var published = await gateway.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic("envmon/DiemThuy/_gw/dt-gw-01/batch").WithPayload("not yours"u8.ToArray())
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, published.ReasonCode);
            await gateway.DisconnectAsync();
        }

        launcher.SendSignal(ChildProcess.SigTerm);
        Assert.True(await launcher.TryWaitForExitAsync(TimeSpan.FromSeconds(150)), $"envmon run still runs 150 s after SIGTERM:\n{launcher.OutputTail}");
        Assert.Contains("stopped.", launcher.OutputTail, StringComparison.Ordinal);
        await AssertAllStoppedAsync(launcher.OutputTail);
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private static string Text(int port) => LauncherProcesses.Text(port);

    private static HttpClient Instance(int port, string ca, string adminPassword)
    {
        var client = HttpsClient.Create(new Uri($"https://127.0.0.1:{Text(port)}/"), ca);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{adminPassword}")));
        return client;
    }

    /// <summary>The demo's parks and stations (deploy/demo/stations.json).</summary>
    private static async Task<(List<string> Parks, List<string> Stations)> DemoAsync()
    {
        using var demo = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "deploy", "demo", "stations.json")));
        return ([.. demo.RootElement.GetProperty("Parks").EnumerateArray().Select(p => p.GetProperty("Id").GetString()!)],
            [.. demo.RootElement.GetProperty("Stations").EnumerateArray().Select(s => s.GetProperty("Station").GetString()!)]);
    }

    /// <summary>How many samples of <paramref name="station"/> the launcher's InfluxDB holds, read as the cloud's user.</summary>
    private async Task<long> StoredAsync(string station)
    {
        var password = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(_dataDir, "influx-credentials.json")))!["cloud"];
        using var database = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Text(_influx)}/") };
        database.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"cloud:{password}")));
        var query = Uri.EscapeDataString($"SELECT COUNT(*) FROM \"sample\" WHERE \"station\" = '{station}'");
        var answer = await database.GetFromJsonAsync<JsonElement>(new Uri($"query?db=envmon&q={query}", UriKind.Relative));
        var result = answer.GetProperty("results")[0];
        if (!result.TryGetProperty("series", out var series))
        {
            return 0;
        }

        return series[0].GetProperty("values")[0].EnumerateArray().Skip(1)
            .Where(v => v.ValueKind == JsonValueKind.Number)
            .Select(v => v.GetInt64())
            .DefaultIfEmpty(0)
            .Max();
    }

    /// <summary>Within 30 s: no process names the data folder and no port listens (as <see cref="LauncherStopTests"/>).</summary>
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
            Assert.False(LauncherProcesses.Listening(port), $"port {Text(port)} still listens after envmon stopped:\n{output}");
        }
    }
}
