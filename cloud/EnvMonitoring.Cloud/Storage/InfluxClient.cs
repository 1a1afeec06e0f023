using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Storage;

/// <summary>
/// The v1 HTTP API: <c>/write</c> with line protocol and <c>/query</c> with InfluxQL. Failures are
/// reported, never swallowed: a write says whether to retry; a query throws <see cref="InfluxException"/>.
/// Credentials go in an <c>Authorization: Basic</c> header, never in the URL (InfluxDB logs URLs).
/// </summary>
public sealed class InfluxClient(HttpClient http, IOptions<InfluxOptions> options)
{
    private readonly InfluxOptions _options = options.Value;
    private readonly AuthenticationHeaderValue? _user = Basic(options.Value.Username, options.Value.Password);
    private readonly AuthenticationHeaderValue? _setup = Basic(options.Value.SetupUsername, options.Value.SetupPassword);

    public string Database => _options.Database;

    /// <summary>Whether request bodies are gzipped: on <see cref="GzipMode.Auto"/>, only when InfluxDB is not on this machine.</summary>
    public bool Compresses { get; } = options.Value.Gzip switch
    {
        GzipMode.Always => true,
        GzipMode.Never => false,
        _ => !options.Value.Url.IsLoopback,
    };

    public Task<InfluxWriteResult> WriteAsync(ReadOnlyMemory<byte> lines, CancellationToken cancellationToken) =>
        WriteAsync(lines, null, cancellationToken);

    /// <summary>Writes into <paramref name="retentionPolicy"/> (null: the database's default policy).</summary>
    public async Task<InfluxWriteResult> WriteAsync(ReadOnlyMemory<byte> lines, string? retentionPolicy, CancellationToken cancellationToken)
    {
        using HttpContent content = Compresses ? Gzip(lines) : new ReadOnlyMemoryContent(lines);
        var rp = retentionPolicy is null ? "" : $"&rp={Uri.EscapeDataString(retentionPolicy)}";
        try
        {
            using var request = Request(Url("write", $"db={Uri.EscapeDataString(_options.Database)}&precision=ms{rp}"), content, _user);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return InfluxWriteResult.Written;
            }

            var error = await ReadErrorAsync(response, cancellationToken);
            var outcome = response.StatusCode switch
            {
                HttpStatusCode.BadRequest => InfluxWriteOutcome.Rejected,
                HttpStatusCode.RequestEntityTooLarge => InfluxWriteOutcome.TooLarge,
                HttpStatusCode.NotFound => InfluxWriteOutcome.DatabaseMissing,
                _ => InfluxWriteOutcome.Retryable,
            };
            return new InfluxWriteResult(outcome, response.StatusCode, error);
        }
        catch (HttpRequestException e)
        {
            return new InfluxWriteResult(InfluxWriteOutcome.Retryable, null, e.Message);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new InfluxWriteResult(InfluxWriteOutcome.Retryable, null, $"timed out: {e.Message}");
        }
    }

    /// <summary>Runs InfluxQL with epoch-millisecond times and returns the response; throws on any error.</summary>
    public Task<JsonDocument> QueryAsync(string influxQl, CancellationToken cancellationToken) =>
        QueryAsync(influxQl, _user, cancellationToken);

    /// <summary>
    /// Runs a set-up statement (creating or altering a retention policy) as <see cref="InfluxOptions.SetupUsername"/>
    /// when one is configured, else as the host's own user.
    /// </summary>
    public Task<JsonDocument> SetupQueryAsync(string influxQl, CancellationToken cancellationToken) =>
        QueryAsync(influxQl, _setup ?? _user, cancellationToken);

    private async Task<JsonDocument> QueryAsync(string influxQl, AuthenticationHeaderValue? identity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(influxQl);
        using var content = new FormUrlEncodedContent([new("q", influxQl)]);
        HttpResponseMessage response;
        try
        {
            using var request = Request(Url("query", $"db={Uri.EscapeDataString(_options.Database)}&epoch=ms"), content, identity);
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new InfluxException($"InfluxDB at {_options.Url} is unreachable: {e.Message}", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InfluxException($"InfluxDB refused the query ({(int)response.StatusCode}): {await ReadErrorAsync(response, cancellationToken)}");
            }

            var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
            if (FindError(document.RootElement) is { } error)
            {
                document.Dispose();
                throw new InfluxException($"InfluxDB query failed: {error}");
            }

            return document;
        }
    }

    /// <summary>
    /// Makes sure the database exists and the host's user may use it. Reads nothing but
    /// <c>SHOW DATABASES</c> when it does (InfluxDB lists to a non-admin user only the databases it
    /// may read), so a least-privilege user works on a database prepared beforehand. Otherwise
    /// creates it, and grants it to <see cref="InfluxOptions.Username"/>, as the set-up identity when
    /// one is configured; without one, a non-admin user gets InfluxDB's refusal as an
    /// <see cref="InfluxException"/>.
    /// </summary>
    public async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        if (await DatabaseVisibleAsync(cancellationToken))
        {
            return;
        }

        var database = InfluxQl.Identifier(_options.Database);
        using var created = await QueryAsync($"CREATE DATABASE {database}", _setup ?? _user, cancellationToken);
        if (_setup is not null)
        {
            using var granted = await QueryAsync($"GRANT ALL ON {database} TO {InfluxQl.Identifier(_options.Username!)}", _setup, cancellationToken);
        }
    }

    private async Task<bool> DatabaseVisibleAsync(CancellationToken cancellationToken)
    {
        using var document = await QueryAsync("SHOW DATABASES", _user, cancellationToken);
        foreach (var (_, row) in SeriesRows.Of(document))
        {
            if (row.GetArrayLength() > 0 && row[0].ValueKind == JsonValueKind.String && row[0].GetString() == _options.Database)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether InfluxDB answers <c>/ping</c> within <paramref name="within"/>; false, never an exception, when it does not.</summary>
    public async Task<bool> PingAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(within);
        try
        {
            using var request = Request(Url("ping", null), null, null);
            using var response = await http.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static ByteArrayContent Gzip(ReadOnlyMemory<byte> lines)
    {
        var compressed = new MemoryStream(lines.Length / 4);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(lines.Span);
        }

        var content = new ByteArrayContent(compressed.GetBuffer(), 0, (int)compressed.Length);
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    private Uri Url(string path, string? query)
    {
        var builder = new StringBuilder(_options.Url.ToString().TrimEnd('/')).Append('/').Append(path);
        if (query is not null)
        {
            builder.Append('?').Append(query);
        }

        return new Uri(builder.ToString());
    }

    private static HttpRequestMessage Request(Uri url, HttpContent? content, AuthenticationHeaderValue? identity) =>
        new(content is null ? HttpMethod.Get : HttpMethod.Post, url) { Content = content, Headers = { Authorization = identity } };

    private static AuthenticationHeaderValue? Basic(string? username, string? password) =>
        string.IsNullOrEmpty(username)
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            return FindError(document.RootElement) ?? body;
        }
        catch (JsonException)
        {
            return body.Length > 500 ? body[..500] : body;
        }
    }

    private static string? FindError(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("error", out var error))
        {
            return error.GetString();
        }

        if (root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array)
        {
            foreach (var result in results.EnumerateArray())
            {
                if (result.TryGetProperty("error", out var statementError))
                {
                    return statementError.GetString();
                }
            }
        }

        return null;
    }
}
