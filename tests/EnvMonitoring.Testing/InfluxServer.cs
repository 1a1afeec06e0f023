using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace EnvMonitoring.Testing;

/// <summary>
/// A private InfluxDB 1.x (Debian's <c>influxd</c> 1.6.7) on free loopback ports with its own temp
/// directory, speaking the v1 HTTP API the platform stores through (ARCHITECTURE.md §4).
/// Authentication is on, as in production: at start an <see cref="Admin"/> and a least-privilege
/// <see cref="Cloud"/> user are created; the server's own helpers (<see cref="WriteAsync(string, string, CancellationToken)"/>,
/// <see cref="QueryAsync"/>, …) run as the admin, and a cloud host gets <see cref="CloudSettings"/>.
/// </summary>
public sealed class InfluxServer : IAsyncDisposable
{
    private const string DebianPath = "/usr/bin/influxd";

    private const string InstallHint =
        "run `./envmon test` (it installs Debian's influxdb) or `apt-get install -y influxdb`";

    private readonly string _configPath;
    private readonly HttpClient _http;
    private readonly ServerProcess _process;
    private bool _disposed;

    private InfluxServer(string binary, string directory, int httpPort, int rpcPort)
    {
        DataDirectory = directory;
        Port = httpPort;
        RpcPort = rpcPort;
        BaseUri = new Uri($"http://127.0.0.1:{httpPort}/");
        _configPath = Path.Combine(directory, "influxdb.conf");
        _http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = Admin.BasicHeader;
        _process = new ServerProcess(
            $"influxd ({_configPath})",
            binary,
            ["run", "-config", _configPath],
            directory,
            PingsAsync,
            $"answer GET {BaseUri}ping with 204");
    }

    /// <summary>The admin (<c>WITH ALL PRIVILEGES</c>), created first, while influxd still allows it anonymously.</summary>
    public InfluxCredential Admin { get; } = InfluxCredential.Random("admin");

    /// <summary>
    /// The cloud host's user: no privileges of its own; a cloud host given <see cref="CloudSettings"/> is
    /// granted ALL on its database by its set-up step (the admin), as docs/running.md describes.
    /// </summary>
    public InfluxCredential Cloud { get; } = InfluxCredential.Random("cloud");

    /// <summary>The HTTP API root, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The HTTP API port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The RPC (backup/restore) port on 127.0.0.1; nothing in the platform uses it.</summary>
    public int RpcPort { get; }

    /// <summary>
    /// The private temp directory: <c>influxdb.conf</c>, <c>meta/</c>, <c>data/</c>, <c>wal/</c>.
    /// Kept across <see cref="RestartAsync"/>, deleted by <see cref="DisposeAsync"/>.
    /// </summary>
    public string DataDirectory { get; }

    /// <summary>Whether influxd is running.</summary>
    public bool IsRunning => _process.IsRunning;

    /// <summary>The influxd process id while it runs (it changes on restart), else null.</summary>
    public int? ProcessId => _process.ProcessId;

    /// <summary>The last lines influxd logged (level warn and up) across all its runs (starts and restarts), marked by run.</summary>
    public string OutputTail => _process.OutputTail;

    /// <summary>
    /// Starts a fresh influxd and waits until <c>GET /ping</c> answers 204 (at most 30 s).
    /// </summary>
    /// <exception cref="InvalidOperationException">influxd is not installed, or it exited during start-up.</exception>
    /// <exception cref="TimeoutException">It did not answer the ping in time (and was killed).</exception>
    public static async Task<InfluxServer> StartAsync(CancellationToken ct = default)
    {
        var binary = ServerBinary.Resolve("influxd", DebianPath, InstallHint);
        var directory = Directory.CreateTempSubdirectory("envmon-influxd-").FullName;
        var server = new InfluxServer(binary, directory, FreePort.Next(), FreePort.Next());
        try
        {
            await File.WriteAllTextAsync(server._configPath, server.Config(), ct);
            await server._process.StartAsync(ct);
            await server.CreateUsersAsync(ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The cloud host's <c>Influx</c> settings for <paramref name="database"/> (keys joined with
    /// <paramref name="separator"/>: <c>:</c> for configuration, <c>__</c> for environment variables):
    /// it runs as <see cref="Cloud"/> and prepares its database as <see cref="Admin"/>.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> CloudSettings(string database, string separator = ":")
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        yield return new($"Influx{separator}Url", BaseUri.ToString());
        yield return new($"Influx{separator}Database", database);
        yield return new($"Influx{separator}Username", Cloud.Username);
        yield return new($"Influx{separator}Password", Cloud.Password);
        yield return new($"Influx{separator}SetupUsername", Admin.Username);
        yield return new($"Influx{separator}SetupPassword", Admin.Password);
    }

    /// <summary>Grants the <see cref="Cloud"/> user read and write on <paramref name="database"/> (which must exist).</summary>
    public async Task GrantCloudAsync(string database, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        using var answer = await SendQueryAsync(null, $"GRANT ALL ON {QuoteIdentifier(database)} TO {QuoteIdentifier(Cloud.Username)}", ct);
    }

    /// <summary>Creates <paramref name="database"/>; a no-op when it exists.</summary>
    public async Task CreateDatabaseAsync(string database, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        using var answer = await SendQueryAsync(null, $"CREATE DATABASE {QuoteIdentifier(database)}", ct);
    }

    /// <summary>Writes line protocol with millisecond timestamps (<c>POST /write?precision=ms</c>).</summary>
    /// <exception cref="HttpRequestException">influxd did not answer 204; the message carries its error.</exception>
    public Task WriteAsync(string database, string lineProtocol, CancellationToken ct = default) => WriteAsync(database, null, lineProtocol, ct);

    /// <summary>Writes line protocol into a named retention policy (<c>rp=</c>), as someone with InfluxDB access could.</summary>
    public async Task WriteAsync(string database, string? retentionPolicy, string lineProtocol, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        ArgumentNullException.ThrowIfNull(lineProtocol);
        using var content = new StringContent(lineProtocol, Encoding.UTF8, "text/plain");
        var policy = retentionPolicy is null ? "" : $"&rp={Uri.EscapeDataString(retentionPolicy)}";
        using var response = await _http.PostAsync(
            new Uri($"write?db={Uri.EscapeDataString(database)}&precision=ms{policy}", UriKind.Relative), content, ct);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException(
                $"influxd rejected a write to {database}: {(int)response.StatusCode} {body}", null, response.StatusCode);
        }
    }

    /// <summary>
    /// Runs InfluxQL with <c>POST /query</c> and <c>epoch=ms</c>, so times come back as Unix
    /// milliseconds. The caller disposes the document.
    /// </summary>
    /// <exception cref="InvalidOperationException">The request failed or a statement returned an error.</exception>
    public Task<JsonDocument> QueryAsync(string database, string influxQl, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        return SendQueryAsync(database, influxQl, ct);
    }

    /// <summary>
    /// Runs a query and returns the first numeric value other than <c>time</c> in the first row of
    /// the first series, e.g. the answer to <c>SELECT count(v) FROM m</c>; 0 when there is no
    /// series, which is how InfluxDB answers a count over nothing.
    /// </summary>
    public async Task<long> CountAsync(string database, string influxQl, CancellationToken ct = default)
    {
        using var document = await QueryAsync(database, influxQl, ct);
        var result = document.RootElement.GetProperty("results")[0];
        if (!result.TryGetProperty("series", out var series) || series.GetArrayLength() == 0)
        {
            return 0;
        }

        var first = series[0];
        var columns = first.GetProperty("columns");
        var row = first.GetProperty("values")[0];
        for (var i = 0; i < columns.GetArrayLength(); i++)
        {
            if (columns[i].GetString() != "time" && row[i].ValueKind == JsonValueKind.Number)
            {
                return row[i].TryGetInt64(out var whole) ? whole : (long)row[i].GetDouble();
            }
        }

        throw new InvalidOperationException($"No numeric column in the answer to `{influxQl}`: {first.GetRawText()}");
    }

    /// <summary>
    /// Stops influxd gracefully (SIGTERM) and waits for it to exit; a no-op when stopped. Clients
    /// then see connection refused, as in a server outage.
    /// </summary>
    /// <exception cref="TimeoutException">It ignored SIGTERM for 30 s and was killed.</exception>
    public Task StopAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _process.StopAsync(ct);
    }

    /// <summary>
    /// Stops influxd gracefully if it runs, then starts it again on the same ports and data
    /// directory and waits for the ping. Also ends an outage begun with <see cref="StopAsync"/>
    /// or <see cref="KillAsync"/>.
    /// </summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _process.StopAsync(ct);
        await _process.StartAsync(ct);
    }

    /// <summary>Kills influxd (SIGKILL, whole process tree) and waits for it to exit: a crash.</summary>
    public Task KillAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _process.KillAsync(ct);
    }

    /// <summary>
    /// Sends a signal to the running influxd, e.g. <see cref="ChildProcess.SigStop"/> to make it hang
    /// with its connections open and <see cref="ChildProcess.SigCont"/> to resume it.
    /// </summary>
    public void SendSignal(int signal)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _process.SendSignal(signal);
    }

    /// <summary>Kills the process tree, waits for it to exit and deletes <see cref="DataDirectory"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await _process.KillAsync(CancellationToken.None);
        }
        finally
        {
            _http.Dispose();
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"influxd at {BaseUri} in {DataDirectory}";

    private async Task<JsonDocument> SendQueryAsync(string? database, string influxQl, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(influxQl);
        var form = new List<KeyValuePair<string, string>>
        {
            new("q", influxQl),
            new("epoch", "ms"),
        };
        if (database is not null)
        {
            form.Add(new("db", database));
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync(new Uri("query", UriKind.Relative), content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"influxd answered {(int)response.StatusCode} to `{influxQl}`: {body}");
        }

        var document = JsonDocument.Parse(body);
        try
        {
            ThrowOnStatementError(document.RootElement, influxQl);
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static void ThrowOnStatementError(JsonElement root, string influxQl)
    {
        if (root.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"influxd failed `{influxQl}`: {error.GetString()}");
        }

        foreach (var result in root.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out error))
            {
                throw new InvalidOperationException($"influxd failed `{influxQl}`: {error.GetString()}");
            }
        }
    }

    /// <summary>
    /// With authentication on and no user yet, influxd accepts one statement anonymously: creating an
    /// admin. Everything after that runs as the admin.
    /// </summary>
    private async Task CreateUsersAsync(CancellationToken ct)
    {
        using (var anonymous = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) })
        using (var content = new FormUrlEncodedContent([new("q", $"CREATE USER {QuoteIdentifier(Admin.Username)} WITH PASSWORD '{Admin.Password}' WITH ALL PRIVILEGES")]))
        {
            using var response = await anonymous.PostAsync(new Uri("query", UriKind.Relative), content, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            using var answer = JsonDocument.Parse(body);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"influxd answered {(int)response.StatusCode} to creating its admin: {body}");
            }

            ThrowOnStatementError(answer.RootElement, "CREATE USER admin");
        }

        using var cloud = await SendQueryAsync(null, $"CREATE USER {QuoteIdentifier(Cloud.Username)} WITH PASSWORD '{Cloud.Password}'", ct);
    }

    private async Task<bool> PingsAsync(CancellationToken ct)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var response = await _http.GetAsync(new Uri("ping", UriKind.Relative), attempt.Token);
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (HttpRequestException)
        {
            // Not listening yet: connection refused.
            return false;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Listening but not answering yet.
            return false;
        }
    }

    private static string QuoteIdentifier(string identifier) => Quote(identifier);

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private string Config()
    {
        var meta = Quote(Path.Combine(DataDirectory, "meta"));
        var data = Quote(Path.Combine(DataDirectory, "data"));
        var wal = Quote(Path.Combine(DataDirectory, "wal"));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            # Generated by EnvMonitoring.Testing.InfluxServer for one test fixture.
            # Debian's 1.6.7 is patched to opt in to usage reporting with `reporting-enabled`
            # (default false); upstream 1.x opts out with `reporting-disabled`. influxd ignores
            # keys it does not know, so both are set and neither build phones home.
            reporting-enabled = false
            reporting-disabled = true
            bind-address = "127.0.0.1:{{RpcPort}}"

            [meta]
              dir = {{meta}}
              logging-enabled = false

            [data]
              dir = {{data}}
              wal-dir = {{wal}}
              query-log-enabled = false

            [http]
              enabled = true
              bind-address = "127.0.0.1:{{Port}}"
              auth-enabled = true
              log-enabled = false
              pprof-enabled = false

            [monitor]
              store-enabled = false

            [continuous_queries]
              enabled = false
              log-enabled = false

            [subscriber]
              enabled = false

            # 1.6 has no [http] flux-enabled; its Flux preview is the separate IFQL service.
            [ifql]
              enabled = false

            [logging]
              level = "warn"
              suppress-logo = true

            """);
    }
}
