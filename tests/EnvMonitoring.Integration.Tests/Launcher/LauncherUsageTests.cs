namespace EnvMonitoring.Integration.Tests.Launcher;

/// <summary>
/// <c>./envmon</c>'s usage, for real: every bad option or value is refused with its reason and
/// exit code 2 before anything starts (no data folder, no process, no port); every command's
/// help exits 0.
/// </summary>
public sealed class LauncherUsageTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"envmon-usage-{Guid.NewGuid():N}");
    private readonly int _http = FreePortText(), _mqtt = FreePortText(), _influx = FreePortText(), _rpc = FreePortText();
    private readonly int _gateways = LauncherProcesses.FreeRange(3);
    private readonly int _metrics = LauncherProcesses.FreeRange(6);

    public static TheoryData<string[], string> BadRunOptions => new()
    {
        { ["--http-port"], "--http-port needs a value." },
        { ["--http-port", "--no-build"], "--http-port needs a value." },
        { ["--http-port="], "--http-port needs a value." },
        { ["--http-port", "abc"], "--http-port abc: not a port number; give a whole number from 1024 to 65535." },
        { ["--mqtt-port", "70000"], "--mqtt-port 70000: out of range; the highest port is 65535." },
        { ["--influx-port", "-5"], "--influx-port -5: not a port number" },
        { ["--influx-rpc-port", "1.5"], "--influx-rpc-port 1.5: not a port number" },
        { ["--gateway-port", "65534"], "--gateway-port 65534: out of range; ports 65534 to 65536 are needed (one per park, or per gateway and node)" },
        { ["--mqtt-port", "{http}"], "both need port {http}; give each its own" },
        { ["--gateway-port", "{http-1}"], "both need port {http}; give each its own" },
        { ["--metrics-port", "{http-5}"], "both need port {http}; give each its own" },
        { ["--metrics-port", "abc"], "--metrics-port abc: not a port number" },
        { ["--interval", "5s"], "--interval 5s: not an interval; write it as HH:MM:SS, e.g. 00:00:05 for 5 seconds." },
        { ["--interval=00:00:00"], "--interval 00:00:00: the interval must be at least 1 second." },
        { ["--interval", "00:00:07"], "--interval 00:00:07: the interval must divide an hour" },
        { ["--interval", "00:01:00"], "--interval 00:01:00: the demo's rules call a station offline after 30 s" },
        { ["--interval"], "--interval needs a value." },
        { ["--data-dir"], "--data-dir needs a value." },
        { ["--instances", "x"], "--instances x: not a number of instances; give 1 (one host, the default) or 2 to 8 (a cluster)." },
        { ["--instances", "0"], "--instances 0: not a number of instances" },
        { ["--instances=9"], "--instances 9: at most 8 instances on one machine." },
        { ["--instances"], "--instances needs a value." },
        { ["--redis-port", "abc"], "--redis-port abc: not a port number" },
        { ["--instances", "2", "--mqtt-port", "{http+1}"], "both need port {http+1}; give each its own (the cloud instances take {http} to {http+1}" },
        { ["--instances", "2", "--plaintext", "--postgres-port", "{http}"], "both need port {http}; give each its own" },
        { ["--instances", "3", "--redis-port", "{http+2}"], "both need port {http+2}; give each its own" },
        { ["--mosquitto-port", "1882"], "unknown option for run: --mosquitto-port" },
        { ["--verbose"], "unknown option for run: --verbose" },
        { ["8080"], "unknown option for run: 8080" },
    };

    [Theory]
    [MemberData(nameof(BadRunOptions))]
    public async Task A_bad_option_of_run_is_refused_with_its_reason_before_anything_starts(string[] option, string message)
    {
        string[] arguments = ["run", "--no-build", "--http-port", Text(_http), "--mqtt-port", Text(_mqtt), "--influx-port", Text(_influx),
            "--influx-rpc-port", Text(_rpc), "--gateway-port", Text(_gateways), "--metrics-port", Text(_metrics), "--data-dir", _dataDir, .. option.Select(Substitute)];

        var (code, output) = await LauncherProcesses.RunAsync(arguments, TimeSpan.FromSeconds(30));

        Assert.True(code == 2, $"exit code {code}, expected 2 (bad usage):\n{output}");
        Assert.Contains(Substitute(message), output, StringComparison.Ordinal);
        AssertNothingStarted(output);
    }

    [Fact]
    public async Task One_instance_is_the_single_host_which_takes_no_port_of_the_cluster()
    {
        // --instances 1 is accepted and is today's single host: the Redis port may be anything (the
        // HTTP port here), and the first check that fails is the busy HTTP port itself (exit 1).
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, _http);
        busy.Start();
        string[] arguments = ["run", "--no-build", "--instances", "1", "--redis-port", Text(_http), "--http-port", Text(_http), "--mqtt-port", Text(_mqtt),
            "--influx-port", Text(_influx), "--influx-rpc-port", Text(_rpc), "--gateway-port", Text(_gateways), "--metrics-port", Text(_metrics), "--data-dir", _dataDir];

        var (code, output) = await LauncherProcesses.RunAsync(arguments, TimeSpan.FromSeconds(60));

        Assert.True(code == 1, $"exit code {code}, expected 1 (the HTTP port is busy):\n{output}");
        Assert.Contains($"port {Text(_http)} is already in use on 127.0.0.1 (--http-port {Text(_http)})", output, StringComparison.Ordinal);
        Assert.Empty(LauncherProcesses.Using(_dataDir));
    }

    [Fact]
    public async Task A_cluster_checks_that_its_servers_ports_are_free_before_anything_starts()
    {
        // With --instances 2 (and --plaintext) the Redis port is the cluster's: busy, it stops the run (exit 1) naming its option.
        var redis = FreePortText();
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, redis);
        busy.Start();
        string[] arguments = ["run", "--no-build", "--instances", "2", "--plaintext", "--redis-port", Text(redis),
            "--postgres-port", Text(FreePortText()), "--http-port", Text(LauncherProcesses.FreeRange(2)), "--mqtt-port", Text(_mqtt),
            "--influx-port", Text(_influx), "--influx-rpc-port", Text(_rpc), "--gateway-port", Text(_gateways), "--metrics-port", Text(_metrics), "--data-dir", _dataDir];

        var (code, output) = await LauncherProcesses.RunAsync(arguments, TimeSpan.FromSeconds(60));

        Assert.True(code == 1, $"exit code {code}, expected 1 (the Redis port is busy):\n{output}");
        Assert.Contains($"port {Text(redis)} is already in use on 127.0.0.1 (--redis-port {Text(redis)}); choose another with --redis-port (or ENVMON_REDIS_PORT)", output, StringComparison.Ordinal);
        Assert.Empty(LauncherProcesses.Using(_dataDir));
    }

    [Theory]
    [InlineData("ENVMON_INSTANCES", "two", "ENVMON_INSTANCES=two: not a number of instances")]
    [InlineData("ENVMON_POSTGRES_PORT", "70000", "ENVMON_POSTGRES_PORT=70000: out of range")]
    [InlineData("ENVMON_HTTP_PORT", "abc", "ENVMON_HTTP_PORT=abc: not a port number")]
    [InlineData("ENVMON_GATEWAY_BASE_PORT", "99999", "ENVMON_GATEWAY_BASE_PORT=99999: out of range")]
    [InlineData("ENVMON_REPORT_INTERVAL", "5", "ENVMON_REPORT_INTERVAL=5: not an interval; write it as HH:MM:SS")]
    [InlineData("ENVMON_PLAINTEXT", "yes", "ENVMON_PLAINTEXT=yes: use 1 (no TLS) or 0")]
    public async Task A_bad_environment_variable_is_refused_naming_it(string variable, string value, string message)
    {
        // Every port by its environment variable, the one under test with its bad value.
        var environment = new Dictionary<string, string>
        {
            ["ENVMON_HTTP_PORT"] = Text(_http),
            ["ENVMON_MQTT_PORT"] = Text(_mqtt),
            ["ENVMON_INFLUX_PORT"] = Text(_influx),
            ["ENVMON_INFLUX_RPC_PORT"] = Text(_rpc),
            ["ENVMON_GATEWAY_BASE_PORT"] = Text(_gateways),
            ["ENVMON_METRICS_BASE_PORT"] = Text(_metrics),
            ["ENVMON_DATA_DIR"] = _dataDir,
        };
        environment[variable] = value;

        var (code, output) = await LauncherProcesses.RunAsync(["run", "--no-build"], TimeSpan.FromSeconds(30), environment);

        Assert.True(code == 2, $"exit code {code}, expected 2 (bad usage):\n{output}");
        Assert.Contains(message, output, StringComparison.Ordinal);
        AssertNothingStarted(output);
    }

    [Theory]
    [InlineData(new[] { "start" }, "unknown command: start")]
    [InlineData(new[] { "help", "start" }, "no command 'start'")]
    [InlineData(new[] { "backtest", "--station", "YB-WWTP-01", "--influx-port", "abc" }, "--influx-port abc: not a port number")]
    [InlineData(new[] { "backtest", "--station", "YB-WWTP-01", "--interval", "5s" }, "--interval 5s: not an interval")]
    [InlineData(new[] { "verify-export" }, "verify-export takes a file")]
    [InlineData(new[] { "verify-seals", "--station", "YB-WWTP-01", "--influx-port", "abc" }, "--influx-port abc: not a port number")]
    [InlineData(new[] { "seal-keys", "rotate", "--now" }, "unknown option --now")]
    [InlineData(new[] { "config" }, "config takes export or import, and --file F")]
    public async Task A_bad_command_or_option_of_another_command_is_a_usage_error(string[] arguments, string message)
    {
        var (code, output) = await LauncherProcesses.RunAsync([.. arguments, "--data-dir", _dataDir], TimeSpan.FromSeconds(30));

        Assert.True(code == 2, $"exit code {code}, expected 2 (bad usage):\n{output}");
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataDir), "a data folder was made");
    }

    [Theory]
    [InlineData(new[] { "help" }, "Usage: ./envmon <command>")]
    [InlineData(new[] { "-h" }, "Usage: ./envmon <command>")]
    [InlineData(new[] { "--help" }, "Usage: ./envmon <command>")]
    [InlineData(new[] { "run", "--help" }, "Usage: ./envmon run [options]")]
    [InlineData(new[] { "run", "-h" }, "Usage: ./envmon run [options]")]
    [InlineData(new[] { "run", "--http-port", "1", "--help" }, "Usage: ./envmon run [options]")]
    [InlineData(new[] { "help", "run" }, "Usage: ./envmon run [options]")]
    [InlineData(new[] { "test", "--help" }, "Usage: ./envmon test")]
    [InlineData(new[] { "bench", "--help" }, "Usage: ./envmon bench")]
    [InlineData(new[] { "deps", "--help" }, "Usage: ./envmon deps")]
    [InlineData(new[] { "verify-export", "--help" }, "Usage: ./envmon verify-export FILE.zip")]
    [InlineData(new[] { "backtest", "--help" }, "Usage: EnvMonitoring.Cloud backtest --station S")]
    [InlineData(new[] { "backtest", "-h" }, "Usage: ./envmon backtest --station S")]
    [InlineData(new[] { "help", "backtest" }, "Usage: ./envmon backtest --station S")]
    [InlineData(new[] { "verify-seals", "--help" }, "usage: verify-seals --station S --from yyyy-MM-dd")]
    [InlineData(new[] { "help", "verify-seals" }, "Usage: ./envmon verify-seals --station S")]
    [InlineData(new[] { "seal-keys", "--help" }, "Usage: ./envmon seal-keys rotate|list")]
    [InlineData(new[] { "config", "--help" }, "Usage: ./envmon config export|import --file F")]
    [InlineData(new[] { "help", "config" }, "Usage: ./envmon config export|import --file F")]
    public async Task Every_command_has_help_that_exits_0(string[] arguments, string usage)
    {
        var (code, output) = await LauncherProcesses.RunAsync(arguments, TimeSpan.FromSeconds(60));

        Assert.True(code == 0, $"exit code {code}, expected 0:\n{output}");
        Assert.Contains(usage, output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private static int FreePortText() => LauncherProcesses.Port();

    private static string Text(int port) => LauncherProcesses.Text(port);

    private string Substitute(string text) =>
        text.Replace("{http-1}", Text(_http - 1), StringComparison.Ordinal).Replace("{http-5}", Text(_http - 5), StringComparison.Ordinal)
            .Replace("{http+1}", Text(_http + 1), StringComparison.Ordinal).Replace("{http+2}", Text(_http + 2), StringComparison.Ordinal)
            .Replace("{http}", Text(_http), StringComparison.Ordinal);

    private void AssertNothingStarted(string output)
    {
        Assert.False(Directory.Exists(_dataDir), $"a data folder was made:\n{output}");
        Assert.Empty(LauncherProcesses.Using(_dataDir));
        foreach (var port in new[] { _http, _mqtt, _influx, _rpc, _gateways, _gateways + 1, _gateways + 2 })
        {
            Assert.False(LauncherProcesses.Listening(port), $"port {port} listens");
        }
    }
}
