using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Storage;

/// <summary>
/// The v1 HTTP API: <c>/write</c> with line protocol and <c>/query</c> with InfluxQL. Failures are
/// reported, never swallowed: a write says whether to retry; a query throws <see cref="InfluxException"/>.
/// </summary>
public sealed class InfluxClient(HttpClient http, IOptions<InfluxOptions> options)
{
    private readonly InfluxOptions _options = options.Value;

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
            using var response = await http.PostAsync(Url("write", $"db={Uri.EscapeDataString(_options.Database)}&precision=ms{rp}"), content, cancellationToken);
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
    public async Task<JsonDocument> QueryAsync(string influxQl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(influxQl);
        using var content = new FormUrlEncodedContent([new("q", influxQl)]);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(Url("query", $"db={Uri.EscapeDataString(_options.Database)}&epoch=ms"), content, cancellationToken);
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

    public async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        using var _ = await QueryAsync($"CREATE DATABASE {InfluxQl.Identifier(_options.Database)}", cancellationToken);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(Url("ping", null), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
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
        var separator = '?';
        if (query is not null)
        {
            builder.Append(separator).Append(query);
            separator = '&';
        }

        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder.Append(separator).Append("u=").Append(Uri.EscapeDataString(_options.Username))
                .Append("&p=").Append(Uri.EscapeDataString(_options.Password ?? ""));
        }

        return new Uri(builder.ToString());
    }

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
