using EnvMonitoring.Integration.Tests.Alerts;
using EnvMonitoring.Integration.Tests.Hosts;

namespace EnvMonitoring.Integration.Tests.Cluster;

/// <summary>
/// Stations reporting in real time through the broker, every 200 ms each, at the time of sending: the
/// polluter COD 150 mg/L (its limit is 100), the others 50. Counts, per station, the samples the broker
/// acknowledged, which must all end up stored once.
/// </summary>
internal sealed class StationStream : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);

    private readonly MqttPublisher _publisher;
    private readonly IReadOnlyList<AlertStation> _stations;
    private readonly AlertStation _polluter;
    private readonly Dictionary<string, long> _published;
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    private StationStream(MqttPublisher publisher, IReadOnlyList<AlertStation> stations, AlertStation polluter)
    {
        _publisher = publisher;
        _stations = stations;
        _polluter = polluter;
        _published = stations.ToDictionary(s => s.Station, _ => 0L, StringComparer.Ordinal);
    }

    public static async Task<StationStream> StartAsync(int port, IReadOnlyList<AlertStation> stations, AlertStation polluter)
    {
        var stream = new StationStream(await MqttPublisher.ConnectAsync(port, $"stream-{Guid.NewGuid():N}"), stations, polluter);
        stream._running = stream.RunAsync(stream._stop.Token);
        return stream;
    }

    /// <summary>Stops sending; how many samples of each station the broker acknowledged.</summary>
    public async Task<IReadOnlyDictionary<string, long>> StopAsync()
    {
        await _stop.CancelAsync();
        await (_running ?? Task.CompletedTask);
        return _published;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _publisher.DisposeAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var last = DateTimeOffset.MinValue;
        while (!stop.IsCancellationRequested)
        {
            // Whole milliseconds, each round later than the last: every sample has its own time.
            var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            now = now > last ? now : last.AddMilliseconds(1);
            last = now;
            foreach (var station in _stations)
            {
                var result = await _publisher.PublishAsync(station.Topic, station.Sample(now, station == _polluter ? 150 : 50));
                if (result.IsSuccess)
                {
                    _published[station.Station]++;
                }
            }

            try
            {
                await Task.Delay(Every, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
