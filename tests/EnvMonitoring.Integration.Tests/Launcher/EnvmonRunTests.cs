using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Launcher;

/// <summary>
/// The README's first command, for real: <c>./envmon run</c> starts InfluxDB, the cloud, three
/// parks' gateways and simulated nodes as processes; readings of the last minute are served;
/// SIGTERM (what Ctrl-C sends to the launcher) stops every process. Every MQTT hop, and the
/// dashboard and API, run over TLS with the private CA it made on first start; its plaintext
/// listeners are off, and this test trusts that CA alone (the launcher's own curl uses it too).
/// </summary>
public sealed class EnvmonRunTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("envmon-run-").FullName;

    [Fact]
    public async Task Run_serves_readings_of_the_last_minute_and_stops_everything_on_sigterm()
    {
        var http = LauncherProcesses.Port();
        var influx = LauncherProcesses.Port();
        var gatewayBase = LauncherProcesses.FreeRange(3);
        var metricsBase = LauncherProcesses.FreeRange(6);
        var mqtt = LauncherProcesses.Port();
        using var launcher = ChildProcess.Start("/usr/bin/env",
        [
            $"ENVMON_CONFIGURATION={LauncherProcesses.BuildConfiguration}", "bash", Path.Combine(RepositoryRoot.Path, "envmon"), "run", "--no-build",
            "--http-port", LauncherProcesses.Text(http), "--mqtt-port", LauncherProcesses.Text(mqtt), "--influx-port", LauncherProcesses.Text(influx),
            "--influx-rpc-port", LauncherProcesses.Text(LauncherProcesses.Port()), "--gateway-port", LauncherProcesses.Text(gatewayBase),
            "--metrics-port", LauncherProcesses.Text(metricsBase),
            "--data-dir", _dataDir, "--interval", "00:00:02",
        ], RepositoryRoot.Path);

        var tls = Path.Combine(_dataDir, "tls");
        var ca = Path.Combine(tls, "ca.crt");
        using var client = HttpsClient.Create(new Uri($"https://127.0.0.1:{http}/"), ca);
        // The demo's users get random passwords on first start, kept in the data folder.
        var credentials = Path.Combine(_dataDir, "demo-credentials.json");
        await Eventually.UntilAsync(() => Task.FromResult(File.Exists(credentials) && new FileInfo(credentials).Length > 0), TimeSpan.FromSeconds(90),
            $"the demo credentials are written\n{launcher.OutputTail}");
        var admin = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(credentials))!["admin"];
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{admin}")));
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var url = new Uri($"api/readings?station=YB-WWTP-01&param=COD&from={Uri.EscapeDataString(since.ToString("O", CultureInfo.InvariantCulture))}", UriKind.Relative);
        await Eventually.UntilAsync(async () =>
        {
            Assert.False(launcher.HasExited, $"envmon run exited early:\n{launcher.OutputTail}");
            try
            {
                var body = await client.GetFromJsonAsync<JsonElement>(url);
                return body.GetProperty("readings").GetArrayLength() > 0;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), "a demo station's readings of the last minute are served");
        // The first park's gateway and node serve their metrics (docs/metrics.md): it forwarded samples, the node timed its publishes.
        using (var gatewayMetrics = PrometheusText.Client(metricsBase))
        using (var nodeMetrics = PrometheusText.Client(metricsBase + 3))
        {
            Assert.True(await PrometheusText.SumAsync(gatewayMetrics, "envmon_gateway_samples_forwarded_total") > 0, "the gateway's metrics count what it forwarded");
            Assert.True(await PrometheusText.SumAsync(nodeMetrics, "envmon_node_publish_duration_seconds_count") > 0, "the node's metrics time its publishes");
        }

        using (var anonymous = HttpsClient.Create(client.BaseAddress!, ca))
        {
            using var refused = await anonymous.GetAsync(new Uri("api/alerts", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("max-age=31536000", Assert.Single(refused.Headers.GetValues("Strict-Transport-Security")));
        }

        // HTTPS only: plain HTTP on the dashboard's port is served nothing, and a client that knows
        // only the system's CAs refuses the private certificate.
        using (var plain = HttpsClient.Create(new Uri($"http://127.0.0.1:{http}/"), caPath: null))
        {
            try
            {
                using var answer = await plain.GetAsync(new Uri("api/health", UriKind.Relative));
                Assert.False(answer.IsSuccessStatusCode, $"plain HTTP was served: {(int)answer.StatusCode}");
            }
            catch (HttpRequestException)
            {
                // The connection was dropped: nothing served.
            }
        }

        using (var systemRoots = new HttpClient { BaseAddress = client.BaseAddress })
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => systemRoots.GetAsync(new Uri("api/health", UriKind.Relative)));
        }

        await Eventually.UntilAsync(() => launcher.OutputTail.Contains($"Dashboard: https://127.0.0.1:{http}/", StringComparison.Ordinal), TimeSpan.FromSeconds(30),
            $"the launcher prints the https address\n{launcher.OutputTail}");
        Assert.Contains(ca, launcher.OutputTail, StringComparison.Ordinal);

        // InfluxDB runs with authentication: anonymous and wrong-password requests get 401, and the
        // cloud (which stored the readings above) holds only its least-privilege user.
        var influxUsers = Path.Combine(_dataDir, "influx-credentials.json");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(influxUsers));
        }

        var cloudPassword = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(influxUsers))!["cloud"];
        using (var database = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{influx}/") })
        {
            var query = new Uri("query?q=SHOW%20USERS", UriKind.Relative);
            Assert.Equal(HttpStatusCode.Unauthorized, (await database.GetAsync(query)).StatusCode);
            database.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("cloud:wrong")));
            Assert.Equal(HttpStatusCode.Unauthorized, (await database.GetAsync(query)).StatusCode);
            database.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"cloud:{cloudPassword}")));
            using var refused = await database.GetAsync(query);
            Assert.Contains("requires admin privilege", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // TLS by default: the private CA and the listeners' certificates are in the data folder, the
        // keys readable by the owner alone, and a plaintext MQTT client gets nothing from the broker.
        foreach (var name in new[] { "ca", "cloud", "cloud-https", "yb-gw-01", "sc2-gw-01", "dt-gw-01" })
        {
            Assert.True(File.Exists(Path.Combine(tls, $"{name}.crt")), $"{name}.crt was not made");
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(tls, $"{name}.key")));
            }
        }

        using (var plaintext = new MQTTnet.MqttClientFactory().CreateMqttClient())
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var options = new MQTTnet.MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mqtt).WithClientId("plaintext-probe").WithTimeout(TimeSpan.FromSeconds(10)).Build();
            await Assert.ThrowsAnyAsync<Exception>(() => plaintext.ConnectAsync(options, timeout.Token));
        }

        var stations = await client.GetFromJsonAsync<JsonElement>(new Uri("api/stations", UriKind.Relative));
        Assert.Equal(7, stations.GetArrayLength());

        // Secrets never on a command line (anyone on the machine reads /proc/*/cmdline) nor in a log.
        foreach (var cmdline in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "cmdline")))
        {
            string line;
            try
            {
                line = (await File.ReadAllTextAsync(cmdline)).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue; // the process ended meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (line.Contains(_dataDir, StringComparison.Ordinal))
            {
                Assert.DoesNotContain("Password=", line, StringComparison.Ordinal);
            }
        }

        foreach (var log in Directory.EnumerateFiles(Path.Combine(_dataDir, "logs")))
        {
            var text = await File.ReadAllTextAsync(log);
            Assert.DoesNotContain(admin, text, StringComparison.Ordinal);
            Assert.DoesNotContain(cloudPassword, text, StringComparison.Ordinal);
        }

        foreach (var (station, parameter) in new[] { ("SC2-PLATING-01", "NH4"), ("DT-STEEL-STACK-01", "NOx") })
        {
            await Eventually.UntilAsync(async () =>
            {
                var body = await client.GetFromJsonAsync<JsonElement>(new Uri($"api/readings?station={station}&param={parameter}", UriKind.Relative));
                return body.GetProperty("readings").GetArrayLength() > 0;
            }, TimeSpan.FromSeconds(30), $"{station} in another park reports {parameter}");
        }

        launcher.SendSignal(ChildProcess.SigTerm);
        await launcher.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains("stopped.", launcher.OutputTail, StringComparison.Ordinal);
        Assert.False(LauncherProcesses.Listening(http), "the cloud host still listens after envmon stopped");
        Assert.False(LauncherProcesses.Listening(influx), "influxd still listens after envmon stopped");
        Assert.False(LauncherProcesses.Listening(gatewayBase), "a gateway still listens after envmon stopped");
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);
}
