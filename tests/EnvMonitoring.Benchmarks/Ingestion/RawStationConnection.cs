using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// One MQTT 3.1.1 connection carrying many stations' telemetry, one sample per QoS 1 PUBLISH, with
/// up to a fixed number awaiting their PUBACK (pipelined, bounded). It speaks the protocol on a raw
/// socket: the packets are written back to back in as few sends as the window allows and the PUBACKs
/// read in bulk. A full MQTT client library cost the benchmark process about 40 µs of CPU per
/// message, a third of the two cores (c) shares with the host and influxd; real stations are
/// separate devices, so the publishers should take as little of the machine as they can.
/// </summary>
internal sealed class RawStationConnection : IAsyncDisposable
{
    private const byte PublishQos1 = 0x32;
    private const byte PubAck = 0x40;
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly SemaphoreSlim _inFlight;
    private readonly int _maxInFlight;
    private readonly byte[] _send = new byte[256 * 1024];
    private long _acknowledged;
    private Task? _reading;
    private Exception? _failure;

    public RawStationConnection(int maxInFlight)
    {
        _maxInFlight = maxInFlight;
        _inFlight = new SemaphoreSlim(maxInFlight, maxInFlight);
    }

    /// <summary>Messages the broker has PUBACKed so far.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public async Task ConnectAsync(int port, string clientId, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await _socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
        var id = Encoding.UTF8.GetBytes(clientId);
        // CONNECT: "MQTT", level 4 (3.1.1), flags clean session, keep alive 60 s, client id.
        var connect = new List<byte> { 0x10, (byte)(12 + id.Length), 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 60, (byte)(id.Length >> 8), (byte)id.Length };
        connect.AddRange(id);
        await _socket.SendAsync(connect.ToArray(), SocketFlags.None, timeout.Token);
        var connAck = new byte[4];
        for (var read = 0; read < connAck.Length;)
        {
            var n = await _socket.ReceiveAsync(connAck.AsMemory(read), SocketFlags.None, timeout.Token);
            read += n > 0 ? n : throw new BenchFailedException("the broker closed the connection instead of answering CONNECT.");
        }

        if (connAck[0] != 0x20 || connAck[3] != 0)
        {
            throw new BenchFailedException($"the broker refused the connection (CONNACK {connAck[0]:X2}, return code {connAck[3]}).");
        }

        _reading = ReadAcksAsync(ct);
    }

    /// <summary>Publishes every message; completes when the broker has acknowledged them all.</summary>
    public async Task PublishAllAsync(IEnumerable<(byte[] Topic, byte[] Payload)> messages, StoredLead lead, CancellationToken ct)
    {
        ushort packetId = 0;
        var length = 0;
        foreach (var (topic, payload) in messages)
        {
            var admitted = lead.AdmitAsync(ct);
            if (!admitted.IsCompletedSuccessfully || !_inFlight.Wait(0))
            {
                // About to wait: what is buffered goes out first.
                length = await SendAsync(length, ct);
                await admitted;
                await _inFlight.WaitAsync(ct);
            }

            ThrowIfFailed();
            var remaining = 2 + topic.Length + 2 + payload.Length;
            if (length + 5 + remaining > _send.Length)
            {
                length = await SendAsync(length, ct);
            }

            packetId = packetId == ushort.MaxValue ? (ushort)1 : (ushort)(packetId + 1);
            length = Write(_send, length, topic, payload, packetId, remaining);
        }

        await SendAsync(length, ct);
        // Every slot back means every publish has its answer.
        for (var i = 0; i < _maxInFlight; i++)
        {
            await _inFlight.WaitAsync(ct);
        }

        ThrowIfFailed();
        _inFlight.Release(_maxInFlight);
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.Connected)
        {
            try
            {
                // DISCONNECT
                await _socket.SendAsync(new byte[] { 0xE0, 0 }, SocketFlags.None);
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Closing anyway.
            }
        }

        _socket.Dispose();
        if (_reading is not null)
        {
            await Task.WhenAny(_reading);
        }
    }

    private static int Write(byte[] buffer, int at, byte[] topic, byte[] payload, ushort packetId, int remaining)
    {
        buffer[at++] = PublishQos1;
        do
        {
            var digit = (byte)(remaining % 128);
            remaining /= 128;
            buffer[at++] = remaining > 0 ? (byte)(digit | 0x80) : digit;
        }
        while (remaining > 0);

        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at), (ushort)topic.Length);
        topic.CopyTo(buffer, at + 2);
        at += 2 + topic.Length;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at), packetId);
        payload.CopyTo(buffer, at + 2);
        return at + 2 + payload.Length;
    }

    private async Task<int> SendAsync(int length, CancellationToken ct)
    {
        for (var sent = 0; sent < length;)
        {
            sent += await _socket.SendAsync(_send.AsMemory(sent, length - sent), SocketFlags.None, ct);
        }

        return 0;
    }

    /// <summary>Reads PUBACKs (4 bytes each in 3.1.1) until the connection closes; each frees a slot.</summary>
    private async Task ReadAcksAsync(CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        var kept = 0;
        try
        {
            while (true)
            {
                var n = await _socket.ReceiveAsync(buffer.AsMemory(kept), SocketFlags.None, ct);
                if (n == 0)
                {
                    return;
                }

                var end = kept + n;
                var at = 0;
                for (; end - at >= 4; at += 4)
                {
                    if (buffer[at] != PubAck || buffer[at + 1] != 2)
                    {
                        throw new BenchFailedException($"the broker sent packet type {buffer[at] >> 4} where a PUBACK was expected.");
                    }

                    Interlocked.Increment(ref _acknowledged);
                    _inFlight.Release();
                }

                kept = end - at;
                buffer.AsSpan(at, kept).CopyTo(buffer);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Interlocked.CompareExchange(ref _failure, e, null);
            // Wakes a publisher waiting for a slot, so it sees the failure.
            _inFlight.Release();
        }
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new BenchFailedException($"publishing failed: {failure.Message}", failure);
        }
    }
}
