using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Benchmarks.Live;

/// <summary>
/// A hub client as thin as a browser tab is to the server: it speaks SignalR's JSON protocol over
/// a WebSocket itself and, instead of parsing each <c>stations</c> message into objects, scans it
/// for every station's <c>lastMeasuredAt</c> to measure delivery latency. So the benchmark's 200
/// clients, which share the machine with the host, cost the host's CPU as little as possible.
/// </summary>
internal sealed class RawHubClient : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] MeasuredKey = "\"lastMeasuredAt\":\""u8.ToArray();
    private static readonly byte[] StationsTarget = "\"target\":\"stations\""u8.ToArray();
    private readonly ClientWebSocket _socket = new();
    private readonly Action<double> _latency;
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiving;
    private Task? _pinging;

    private RawHubClient(Action<double> latency) => _latency = latency;

    /// <summary>Measuring on: each delivered station's latency (receipt − measurement time, ms) goes to the callback.</summary>
    public bool Measuring { get; set; }

    /// <summary>Connects over <c>wss</c> trusting only <paramref name="caPath"/> when the hub is https, else over <c>ws</c>.</summary>
    public static async Task<RawHubClient> ConnectAsync(Uri hub, string? caPath, string authorization, string scope, Action<double> latency)
    {
        var client = new RawHubClient(latency);
        client._socket.Options.SetRequestHeader("Authorization", authorization);
        var ws = new UriBuilder(hub) { Scheme = hub.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        using var invoker = caPath is null ? null : new HttpMessageInvoker(HttpsClient.Handler(caPath));
        await client._socket.ConnectAsync(ws, invoker, CancellationToken.None);
        await client.SendAsync("""{"protocol":"json","version":1}""");
        await client.SendAsync($$"""{"type":1,"invocationId":"1","target":"Subscribe","arguments":["{{scope}}"]}""");
        client._receiving = client.ReceiveAsync();
        client._pinging = client.PingAsync();
        return client;
    }

    private Task SendAsync(string message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message + "\u001e"), WebSocketMessageType.Text, true, _stop.Token);

    /// <summary>Keeps the connection alive (the server closes clients silent for 30 s).</summary>
    private async Task PingAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), _stop.Token);
                await SendAsync("""{"type":6}""");
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Stopped or closed.
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new ArrayBufferWriter<byte>(1 << 20);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var received = DateTimeOffset.UtcNow;
                var chunk = buffer.AsSpan(0, result.Count);
                int separator;
                while ((separator = chunk.IndexOf(RecordSeparator)) >= 0)
                {
                    message.Write(chunk[..separator]);
                    Handle(message.WrittenSpan, received);
                    message.ResetWrittenCount();
                    chunk = chunk[(separator + 1)..];
                }

                message.Write(chunk);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Stopped or closed.
        }
    }

    private void Handle(ReadOnlySpan<byte> message, DateTimeOffset received)
    {
        if (!Measuring || message.IndexOf(StationsTarget) < 0)
        {
            return;
        }

        while (true)
        {
            var at = message.IndexOf(MeasuredKey);
            if (at < 0)
            {
                return;
            }

            message = message[(at + MeasuredKey.Length)..];
            var end = message.IndexOf((byte)'"');
            if (end > 0 && DateTimeOffset.TryParse(Encoding.ASCII.GetString(message[..end]), CultureInfo.InvariantCulture, DateTimeStyles.None, out var measured))
            {
                _latency((received - measured).TotalMilliseconds);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Already gone.
        }

        await Task.WhenAll(_receiving ?? Task.CompletedTask, _pinging ?? Task.CompletedTask);
        _socket.Dispose();
        _stop.Dispose();
    }
}
