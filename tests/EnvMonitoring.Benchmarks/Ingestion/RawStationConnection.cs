using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// One MQTT 3.1.1 connection carrying a station's telemetry, one sample per QoS 1 PUBLISH, with
/// up to a fixed number awaiting their PUBACK (pipelined, bounded). It speaks the protocol on a raw
/// socket (or TLS over it): the packets are written back to back in as few writes as the window
/// allows and the PUBACKs read in bulk. A full MQTT client library cost the benchmark process about
/// 40 µs of CPU per message, a third of the two cores (c) shares with the host and influxd; real
/// stations are separate devices, so the publishers should take as little of the machine as they can.
/// </summary>
internal sealed class RawStationConnection : IAsyncDisposable
{
    private const byte PublishQos1 = 0x32;
    private const byte PubAck = 0x40;
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly SemaphoreSlim _inFlight;
    private readonly int _maxInFlight;
    private readonly byte[] _send = new byte[64 * 1024];
    private Stream? _stream;
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

    /// <summary>
    /// Connects and sends CONNECT (clean session, keep-alive 60 s), with <paramref name="username"/>
    /// and <paramref name="password"/> when given; over TLS when <paramref name="protection"/> has a
    /// CA (the server must present a certificate for localhost chaining to it alone).
    /// </summary>
    /// <exception cref="BenchFailedException">The broker refused or did not answer CONNECT.</exception>
    public async Task ConnectAsync(int port, string clientId, string? username, string? password, Protection protection, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await _socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
        var network = new NetworkStream(_socket, ownsSocket: false);
        if (protection.Ca is null)
        {
            _stream = network;
        }
        else
        {
            var tls = new SslStream(network, leaveInnerStreamOpen: false);
            _stream = tls;
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    RemoteCertificateValidationCallback = (_, certificate, chain, errors) => protection.AcceptsServer(certificate, chain, errors),
                },
                timeout.Token);
        }

        await _stream.WriteAsync(Connect(clientId, username, password), timeout.Token);
        var connAck = new byte[4];
        try
        {
            await _stream.ReadExactlyAsync(connAck, timeout.Token);
        }
        catch (IOException e)
        {
            throw new BenchFailedException($"the broker closed the connection of {clientId} instead of answering CONNECT.", e);
        }

        if (connAck[0] != 0x20 || connAck[1] != 2)
        {
            throw new BenchFailedException($"the broker answered CONNECT of {clientId} with packet {connAck[0]:X2} instead of a CONNACK.");
        }

        if (connAck[3] != 0)
        {
            throw new BenchFailedException($"the broker refused {clientId} (user {username ?? "anonymous"}): CONNACK return code {connAck[3]} ({ConnAckReason(connAck[3])}).");
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
        if (_socket.Connected && _stream is not null)
        {
            try
            {
                // DISCONNECT
                await _stream.WriteAsync(new byte[] { 0xE0, 0 });
                await _stream.FlushAsync();
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                // Closing anyway.
            }
        }

        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }

        _socket.Dispose();
        if (_reading is not null)
        {
            await Task.WhenAny(_reading);
        }
    }

    /// <summary>CONNECT: "MQTT", level 4 (3.1.1), clean session (+ user name and password flags, 0xC2), keep alive 60 s.</summary>
    private static byte[] Connect(string clientId, string? username, string? password)
    {
        var body = new List<byte> { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, username is null ? (byte)0x02 : (byte)0xC2, 0, 60 };
        AddString(body, clientId);
        if (username is not null)
        {
            AddString(body, username);
            AddString(body, password ?? "");
        }

        var packet = new byte[1 + 4 + body.Count];
        packet[0] = 0x10;
        var at = WriteRemainingLength(packet, 1, body.Count);
        body.CopyTo(packet, at);
        return packet[..(at + body.Count)];

        static void AddString(List<byte> to, string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            to.Add((byte)(bytes.Length >> 8));
            to.Add((byte)bytes.Length);
            to.AddRange(bytes);
        }
    }

    private static string ConnAckReason(byte code) => code switch
    {
        1 => "unacceptable protocol version",
        2 => "identifier rejected",
        3 => "server unavailable",
        4 => "bad user name or password",
        5 => "not authorized",
        _ => "unknown",
    };

    private static int WriteRemainingLength(byte[] buffer, int at, int remaining)
    {
        do
        {
            var digit = (byte)(remaining % 128);
            remaining /= 128;
            buffer[at++] = remaining > 0 ? (byte)(digit | 0x80) : digit;
        }
        while (remaining > 0);

        return at;
    }

    private static int Write(byte[] buffer, int at, byte[] topic, byte[] payload, ushort packetId, int remaining)
    {
        buffer[at++] = PublishQos1;
        at = WriteRemainingLength(buffer, at, remaining);

        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at), (ushort)topic.Length);
        topic.CopyTo(buffer, at + 2);
        at += 2 + topic.Length;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at), packetId);
        payload.CopyTo(buffer, at + 2);
        return at + 2 + payload.Length;
    }

    private async Task<int> SendAsync(int length, CancellationToken ct)
    {
        if (length > 0)
        {
            await _stream!.WriteAsync(_send.AsMemory(0, length), ct);
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
                var n = await _stream!.ReadAsync(buffer.AsMemory(kept), ct);
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
