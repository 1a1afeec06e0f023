using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Alerts;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>
/// Issue 13, item 3: a sample counts only for a station registered to the park of the topic it came
/// on, measured at a plausible time. Everything else is quarantined with its reason, never stored,
/// never a series, never in the live state or the rules.
/// </summary>
public sealed class ContentBindingTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_sample_of_an_unregistered_station_adds_no_series_and_is_quarantined_with_its_reason()
    {
        var station = new AlertStation("BoundPark", $"CB-{Guid.NewGuid():N}"[..12]);
        var database = $"bound_{Guid.NewGuid():N}";
        await using var cloud = await CloudHost.StartAsync(influx.Server, database, station.Settings());
        ExpectRefusals(cloud, "the test publishes a sample of an unregistered station");
        await using var publisher = await MqttPublisher.ConnectAsync(cloud.MqttPort, $"pub-{Guid.NewGuid():N}");
        var stranger = new AlertStation(station.Park, "CB-NOT-REGISTERED");

        await publisher.PublishAsync(stranger.Topic, stranger.Sample(DateTimeOffset.UtcNow, cod: 5));
        await publisher.PublishAsync(station.Topic, station.Sample(DateTimeOffset.UtcNow, cod: 40));

        await cloud.WaitForQuarantinedAsync("UnregisteredStation", stranger.Topic, Wait);
        await Eventually.UntilAsync(async () => (await StoredSchema.SeriesAsync(influx.Server, database)).Count > 0, Wait, "the registered station's sample is stored");
        Assert.Equal([$"sample,park={station.Park},station={station.Station}"], await StoredSchema.SeriesAsync(influx.Server, database));
    }

    [Fact]
    public async Task A_sample_of_another_parks_station_in_a_gateway_batch_is_quarantined_and_the_batch_acknowledged()
    {
        var own = new AlertStation("BatchPark", $"CB-{Guid.NewGuid():N}"[..12]);
        var foreign = new AlertStation("OtherPark", $"CB-{Guid.NewGuid():N}"[..12]);
        var database = $"bound_{Guid.NewGuid():N}";
        var settings = own.Settings(0).Concat(foreign.Settings(1)).DistinctBy(p => p.Key).ToDictionary();
        await using var cloud = await CloudHost.StartAsync(influx.Server, database, settings);
        ExpectRefusals(cloud, "the test publishes a batch holding another park's station");
        const string Gateway = "cb-gw-01";
        await using var acks = await GatewayAckListener.StartAsync(cloud.MqttPort, own.Park, Gateway);
        await using var publisher = await MqttPublisher.ConnectAsync(cloud.MqttPort, $"{Gateway}-{Guid.NewGuid():N}");
        var now = DateTimeOffset.UtcNow;
        var batch = new GatewayBatch(Gateway, 5, [Cod(own.Station, now, 40), Cod(foreign.Station, now, 3), Cod(own.Station, now.AddSeconds(-5), 41)]);

        await publisher.PublishAsync(Topics.GatewayBatch(own.Park, Gateway), SampleCodec.EncodeBatch(batch));

        await Eventually.UntilAsync(() => acks.Acknowledged.Contains(5), Wait, "the batch is acknowledged once its good part is stored");
        var entry = await cloud.WaitForQuarantinedAsync("StationNotInPark", Topics.GatewayBatch(own.Park, Gateway), Wait);
        Assert.Contains(foreign.Park, entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal([$"sample,park={own.Park},station={own.Station}"], await StoredSchema.SeriesAsync(influx.Server, database));
        using var count = await influx.Server.QueryAsync(database, $"SELECT count(\"COD\") FROM \"sample\" WHERE \"station\" = '{own.Station}'");
        Assert.Equal(2, count.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")[0][1].GetInt64());
    }

    [Fact]
    public async Task A_sample_dated_2099_is_quarantined_and_moves_neither_live_values_nor_alerts_nor_the_offline_alarm()
    {
        var station = new AlertStation("FuturePark", $"CB-{Guid.NewGuid():N}"[..12]);
        var settings = new Dictionary<string, string>(station.Settings()) { ["Stations:0:Rules:OfflineAfter"] = "00:00:04" };
        await using var cloud = await CloudHost.StartAsync(influx.Server, $"bound_{Guid.NewGuid():N}", settings);
        ExpectRefusals(cloud, "the test publishes a sample dated 2099");
        await using var publisher = await MqttPublisher.ConnectAsync(cloud.MqttPort, $"pub-{Guid.NewGuid():N}");
        await publisher.PublishAsync(station.Topic, station.Sample(DateTimeOffset.UtcNow, cod: 250));
        await Eventually.UntilAsync(async () => (await cloud.OpenRulesAsync(station.Station)).Contains("instantaneous"), Wait, "the exceedance opens an alert");

        await publisher.PublishAsync(station.Topic, station.Sample(new DateTimeOffset(2099, 6, 1, 0, 0, 0, TimeSpan.Zero), cod: 10));

        await cloud.WaitForQuarantinedAsync("TimestampInFuture", station.Topic, Wait);
        // With no more data the station goes offline: a reading from 2099 did not keep it "alive".
        await Eventually.UntilAsync(async () => (await cloud.OpenRulesAsync(station.Station)).Contains("stationOffline"), Wait, "the station-offline alarm is raised");
        Assert.Contains("instantaneous", await cloud.OpenRulesAsync(station.Station));
        var live = await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stations", UriKind.Relative));
        Assert.Equal(250, live[0].GetProperty("live").GetProperty("values").GetProperty("COD").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task A_sample_dated_2000_is_quarantined_and_opens_no_alert()
    {
        var station = new AlertStation("AncientPark", $"CB-{Guid.NewGuid():N}"[..12]);
        var database = $"bound_{Guid.NewGuid():N}";
        await using var cloud = await CloudHost.StartAsync(influx.Server, database, station.Settings());
        ExpectRefusals(cloud, "the test publishes a sample dated 2000-01-01");
        await using var publisher = await MqttPublisher.ConnectAsync(cloud.MqttPort, $"pub-{Guid.NewGuid():N}");

        await publisher.PublishAsync(station.Topic, station.Sample(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), cod: 250));
        await publisher.PublishAsync(station.Topic, station.Sample(DateTimeOffset.UtcNow, cod: 40));

        await cloud.WaitForQuarantinedAsync("TimestampBeyondBackfill", station.Topic, Wait);
        await Eventually.UntilAsync(async () =>
        {
            var live = await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stations", UriKind.Relative));
            return live[0].TryGetProperty("live", out var state) && state.ValueKind == JsonValueKind.Object
                && state.TryGetProperty("values", out var values) && values.TryGetProperty("COD", out var cod) && cod.GetProperty("value").GetDouble() == 40;
        }, Wait, "the current sample, published after the ancient one, reached the rules and the live state");
        Assert.Empty(await cloud.OpenRulesAsync(station.Station));
        using var old = await influx.Server.QueryAsync(database, "SELECT \"COD\" FROM \"sample\" WHERE time < '2001-01-01T00:00:00Z'");
        Assert.False(old.RootElement.GetProperty("results")[0].TryGetProperty("series", out _));
    }

    private static Sample Cod(string station, DateTimeOffset at, double cod) => new(station, at, [new Reading(ParameterCatalog.Default["COD"], cod)]);

    private static void ExpectRefusals(CloudHost cloud, string because) =>
        cloud.Log.Expect(e => e.Is("Rejected") && e.Category.EndsWith(".BatchWriter", StringComparison.Ordinal), because);
}
