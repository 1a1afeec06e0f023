using EnvMonitoring.Integration.Tests.Alerts;
using EnvMonitoring.Integration.Tests.Hosts;

namespace EnvMonitoring.Integration.Tests.Cluster;

/// <summary>
/// Stations reporting in real time, every 200 ms each, at the time of sending: the polluter COD 150 mg/L
/// (its limit is 100), the others 50. Each park's stations publish to one broker: the cloud's, or their
/// park's gateway. Counts, per station, the samples that broker acknowledged (a gateway: appended to its
/// durable log), which must all end up stored once.
/// </summary>
internal sealed class StationStream : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);

    private readonly IReadOnlyDictionary<string, MqttPublisher> _publishers;
    private readonly IReadOnlyList<AlertStation> _stations;
    private readonly AlertStation _polluter;
    private readonly Dictionary<string, long> _published;
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    private StationStream(IReadOnlyDictionary<string, MqttPublisher> publishers, IReadOnlyList<AlertStation> stations, AlertStation polluter)
    {
        _publishers = publishers;
        _stations = stations;
        _polluter = polluter;
        _published = stations.ToDictionary(s => s.Station, _ => 0L, StringComparer.Ordinal);
    }

    /// <summary>Every station publishes to the broker on <paramref name="port"/>, anonymously.</summary>
    public static async Task<StationStream> StartAsync(int port, IReadOnlyList<AlertStation> stations, AlertStation polluter)
    {
        var publisher = await MqttPublisher.ConnectAsync(port, $"stream-{Guid.NewGuid():N}");
        return Start(stations.Select(s => s.Park).Distinct(StringComparer.Ordinal).ToDictionary(park => park, _ => publisher, StringComparer.Ordinal), stations, polluter);
    }

    /// <summary>Each park's stations publish through its publisher in <paramref name="publisherOfPark"/> (e.g. connected to the park's gateway), which the stream then owns.</summary>
    public static StationStream Start(IReadOnlyDictionary<string, MqttPublisher> publisherOfPark, IReadOnlyList<AlertStation> stations, AlertStation polluter)
    {
        var stream = new StationStream(publisherOfPark, stations, polluter);
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
        foreach (var publisher in _publishers.Values.Distinct())
        {
            await publisher.DisposeAsync();
        }

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
                var result = await _publishers[station.Park].PublishAsync(station.Topic, station.Sample(now, station == _polluter ? 150 : 50));
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
