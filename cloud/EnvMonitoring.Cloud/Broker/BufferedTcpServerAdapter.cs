using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// The embedded broker's TCP listeners: MQTTnet's own, but each connection reads through a
/// <see cref="ReadBufferedStream"/>. The plaintext listener takes the address, port, backlog,
/// reuse-address and no-delay settings of the server options' default endpoint (none while its port
/// is 0); the MQTTS listener, when <paramref name="tls"/> has a certificate, the same address on its
/// own port, each connection's TLS handshake bounded by <see cref="BrokerTlsOptions.HandshakeTimeout"/>.
/// </summary>
internal sealed class BufferedTcpServerAdapter(ILogger logger, BrokerTls? tls = null) : IMqttServerAdapter
{
    /// <summary>Bytes read ahead per connection: dozens of station samples, most of a gateway batch.</summary>
    public const int ReadBufferBytes = 16 * 1024;

    private readonly List<Socket> _listeners = [];
    private readonly List<Task> _accepting = [];
    private CancellationTokenSource? _stopping;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger mqttLogger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.DefaultEndpointOptions;
        var address = endpoint.BoundInterNetworkAddress ?? IPAddress.Loopback;
        _stopping = new CancellationTokenSource();
        try
        {
            if (endpoint.Port > 0)
            {
                Listen(Bind(address, endpoint.Port, endpoint), options, mqttLogger, endpoint.NoDelay, secure: null);
            }

            if (tls is not null)
            {
                Listen(Bind(address, tls.Port, endpoint), options, mqttLogger, endpoint.NoDelay, tls);
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        await Task.WhenAll(_accepting);
    }

    public void Dispose()
    {
        _stopping?.Cancel();
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        _stopping?.Dispose();
    }

    private static Socket Bind(IPAddress address, int port, MqttServerTcpEndpointBaseOptions endpoint)
    {
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.ReuseAddress)
            {
                listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            listener.Bind(new IPEndPoint(address, port));
            listener.Listen(endpoint.ConnectionBacklog);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private void Listen(Socket listener, MqttServerOptions options, IMqttNetLogger mqttLogger, bool noDelay, BrokerTls? secure)
    {
        _listeners.Add(listener);
        _accepting.Add(AcceptAsync(listener, options, mqttLogger, noDelay, secure, _stopping!.Token));
    }

    private async Task AcceptAsync(Socket listener, MqttServerOptions options, IMqttNetLogger mqttLogger, bool noDelay, BrokerTls? secure, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                BrokerLog.AcceptFailed(logger, e);
                continue;
            }

            client.NoDelay = noDelay;
            _ = Task.Run(() => ServeAsync(client, options, mqttLogger, secure, cancellationToken), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket client, MqttServerOptions options, IMqttNetLogger mqttLogger, BrokerTls? secure, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = new NetworkStream(client, ownsSocket: true);
            X509Certificate2? clientCertificate = null;
            if (secure is not null)
            {
                var ssl = await HandshakeAsync(client, stream, secure, cancellationToken);
                if (ssl is null)
                {
                    return;
                }

                stream = ssl;
                clientCertificate = ssl.RemoteCertificate as X509Certificate2;
            }

            var channel = new MqttTcpChannel(new ReadBufferedStream(stream, ReadBufferBytes), client.LocalEndPoint!, client.RemoteEndPoint!, clientCertificate);
            var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax));
            using var adapter = new MqttChannelAdapter(channel, formatter, mqttLogger)
            {
                AllowPacketFragmentation = options.DefaultEndpointOptions.AllowPacketFragmentation,
            };
            if (ClientHandler is { } handler)
            {
                await handler(adapter);
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException or IOException or SocketException)
        {
            // The client went away or the broker is stopping: nothing to report.
        }
        catch (Exception e)
        {
            BrokerLog.ClientFailed(logger, e);
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>
    /// The server side of the TLS handshake, within the handshake timeout. A client that fails it
    /// (plaintext MQTT, an untrusted or missing client certificate, silence) is logged with its
    /// address and gets nothing: null, and the caller closes the socket.
    /// </summary>
    private async Task<SslStream?> HandshakeAsync(Socket client, Stream inner, BrokerTls secure, CancellationToken cancellationToken)
    {
        var remote = client.RemoteEndPoint?.ToString() ?? "?";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(secure.HandshakeTimeout);
        string? refusal = null;
        try
        {
            // A peek at the first byte names the commonest mistake: an MQTT CONNECT (0x10) where a TLS
            // ClientHello (a handshake record, 0x16) belongs.
            var first = new byte[1];
            var peeked = await client.ReceiveAsync(first, SocketFlags.Peek, timeout.Token);
            if (peeked == 0)
            {
                return null; // closed without a word (a port probe): nothing to refuse
            }

            if (first[0] == 0x10)
            {
                refusal = "plaintext MQTT (a CONNECT packet) on the TLS port";
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            refusal = $"no TLS handshake within {secure.HandshakeTimeout}";
        }

        if (refusal is not null)
        {
            BrokerLog.TlsRefused(logger, remote, refusal);
            return null;
        }

        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var authentication = new SslServerAuthenticationOptions
        {
            ServerCertificate = secure.Certificate,
            ClientCertificateRequired = secure.ClientCertificateMode != ClientCertificateMode.None,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                if (secure.ClientCa is null || (certificate is null && secure.ClientCertificateMode == ClientCertificateMode.Optional))
                {
                    return true;
                }

                var accepted = secure.ClientCa.Accepts(certificate, chain, errors, checkName: false, out var reason);
                refusal = accepted ? null : $"client certificate refused: {reason}";
                return accepted;
            },
        };
        try
        {
            await ssl.AuthenticateAsServerAsync(authentication, timeout.Token);
            return ssl;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            refusal = $"no TLS handshake within {secure.HandshakeTimeout}";
        }
        catch (Exception e) when ((e is AuthenticationException or IOException or SocketException) && !cancellationToken.IsCancellationRequested)
        {
            refusal ??= $"TLS handshake failed: {e.GetBaseException().Message}";
        }

        await ssl.DisposeAsync();
        if (refusal is not null)
        {
            BrokerLog.TlsRefused(logger, remote, refusal);
        }

        return null;
    }
}
