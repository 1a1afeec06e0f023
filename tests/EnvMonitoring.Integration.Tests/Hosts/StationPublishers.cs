using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>
/// Stations wired to the cloud directly, each with its own identity and connection (the broker
/// lets a station publish only its own topics): messages are routed to the station's publisher.
/// </summary>
public sealed class StationPublishers : IAsyncDisposable
{
    private readonly Dictionary<string, PipelinedPublisher> _byStation;

    private StationPublishers(Dictionary<string, PipelinedPublisher> byStation) => _byStation = byStation;

    /// <summary>The broker identities these stations need (<see cref="CloudProcessSettings.Clients"/>).</summary>
    public static IEnumerable<TestBrokerClient> Identities(string park, IEnumerable<string> stations) =>
        stations.Select(s => TestBrokerClient.ForStation(park, s));

    public static async Task<StationPublishers> ConnectAsync(int port, string park, IEnumerable<string> stations)
    {
        ArgumentNullException.ThrowIfNull(stations);
        var byStation = new Dictionary<string, PipelinedPublisher>(StringComparer.Ordinal);
        foreach (var station in stations)
        {
            byStation[station] = await PipelinedPublisher.ConnectAsync(port, $"st-{station}-{Guid.NewGuid():N}", TestBrokerClient.ForStation(park, station));
        }

        return new StationPublishers(byStation);
    }

    /// <summary>Publishes each message through its station's connection, the stations in parallel.</summary>
    public Task PublishAsync(IEnumerable<(string Topic, byte[] Payload)> messages) =>
        Task.WhenAll(messages
            .GroupBy(m => Topics.TryParse(m.Topic, out var address) ? address.Station! : throw new ArgumentException($"not a station topic: {m.Topic}", nameof(messages)))
            .Select(group => _byStation[group.Key].PublishAsync([.. group])));

    public async ValueTask DisposeAsync()
    {
        foreach (var publisher in _byStation.Values)
        {
            await publisher.DisposeAsync();
        }
    }
}
