using System.Net;
using System.Net.Sockets;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// The embedded broker's TCP listener: MQTTnet's own, but each connection reads through a
/// <see cref="ReadBufferedStream"/>. It takes the address, port, backlog, reuse-address and no-delay
/// settings of the server options' default endpoint; no TLS (the embedded broker has none).
/// </summary>
internal sealed class BufferedTcpServerAdapter(ILogger logger) : IMqttServerAdapter
{
    /// <summary>Bytes read ahead per connection: dozens of station samples, most of a gateway batch.</summary>
    public const int ReadBufferBytes = 16 * 1024;

    private Socket? _listener;
    private CancellationTokenSource? _stopping;
    private Task? _accepting;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger mqttLogger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.DefaultEndpointOptions;
        var address = endpoint.BoundInterNetworkAddress ?? IPAddress.Loopback;
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.ReuseAddress)
            {
                listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            listener.Bind(new IPEndPoint(address, endpoint.Port));
            listener.Listen(endpoint.ConnectionBacklog);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        _stopping = new CancellationTokenSource();
        _accepting = AcceptAsync(listener, options, mqttLogger, endpoint.NoDelay, _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener?.Dispose();
        if (_accepting is not null)
        {
            await _accepting;
        }
    }

    public void Dispose()
    {
        _stopping?.Cancel();
        _listener?.Dispose();
        _stopping?.Dispose();
    }

    private async Task AcceptAsync(Socket listener, MqttServerOptions options, IMqttNetLogger mqttLogger, bool noDelay, CancellationToken cancellationToken)
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
            _ = Task.Run(() => ServeAsync(client, options, mqttLogger), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket client, MqttServerOptions options, IMqttNetLogger mqttLogger)
    {
        try
        {
            var stream = new ReadBufferedStream(new NetworkStream(client, ownsSocket: true), ReadBufferBytes);
            var channel = new MqttTcpChannel(stream, client.LocalEndPoint!, client.RemoteEndPoint!, null);
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
}
