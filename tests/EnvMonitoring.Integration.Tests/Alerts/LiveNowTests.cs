using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Alerts;

/// <summary>
/// The real host's live view (<c>GET /api/stations</c>, the same StationLive the hub sends) says what
/// a station is doing now: a COD spike is exceeding with its multiple while it lasts, pH below its
/// range names the lower bound and its band, and once values are back the station is normal now
/// although its alerts are still open.
/// </summary>
public sealed class LiveNowTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_spike_is_exceeding_while_it_lasts_and_the_station_is_normal_again_with_its_alerts_open()
    {
        var station = new AlertStation("NowPark", $"NOW-{Guid.NewGuid():N}"[..12]);
        await using var cloud = await CloudHost.StartAsync(influx.Server, $"now_{Guid.NewGuid():N}", station.Settings());
        await using var publisher = await MqttPublisher.ConnectAsync(cloud.MqttPort, $"pub-{Guid.NewGuid():N}");
        var now = DateTimeOffset.UtcNow;

        await publisher.PublishAsync(station.Topic, station.Sample(now.AddSeconds(-20), cod: 40));
        await publisher.PublishAsync(station.Topic, station.Sample(now.AddSeconds(-15), cod: 230));
        var spike = await LiveAsync(cloud, "COD", 230);
        Assert.Equal(("exceeding", "from2"), (spike.GetProperty("state").GetString(), spike.GetProperty("severity").GetString()));
        var cod = spike.GetProperty("values").GetProperty("COD");
        Assert.Equal(("exceeding", "upper"), (cod.GetProperty("state").GetString(), cod.GetProperty("bound").GetString()));
        Assert.Equal(2.3, cod.GetProperty("multiple").GetDouble(), 9);
        Assert.Equal(now.AddSeconds(-15).ToUnixTimeMilliseconds(), cod.GetProperty("since").GetDateTimeOffset().ToUnixTimeMilliseconds());

        await publisher.PublishAsync(station.Topic, station.Sample(now.AddSeconds(-10), cod: 39, pH: 4.5));
        var lowPh = await LiveAsync(cloud, "pH", 4.5);
        var ph = lowPh.GetProperty("values").GetProperty("pH");
        Assert.Equal(("exceeding", "exceeding", "lower", 1), (lowPh.GetProperty("state").GetString(), ph.GetProperty("state").GetString(), ph.GetProperty("bound").GetString(), ph.GetProperty("band").GetInt32()));
        Assert.False(ph.TryGetProperty("multiple", out _), "a range limit has no multiple");
        Assert.Equal("normal", lowPh.GetProperty("values").GetProperty("COD").GetProperty("state").GetString());

        await publisher.PublishAsync(station.Topic, station.Sample(now.AddSeconds(-5), cod: 38, pH: 7.1));
        var back = await LiveAsync(cloud, "pH", 7.1);
        Assert.Equal(("normal", "none"), (back.GetProperty("state").GetString(), back.GetProperty("severity").GetString()));
        Assert.Equal(now.AddSeconds(-5).ToUnixTimeMilliseconds(), back.GetProperty("since").GetDateTimeOffset().ToUnixTimeMilliseconds());

        // The alerts are a separate matter: both still open, the pH one said by its bound.
        var alerts = await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/alerts?station={station.Station}", UriKind.Relative));
        Assert.Equal(["COD", "pH"], alerts.EnumerateArray().Select(a => a.GetProperty("parameter").GetString()).Order(StringComparer.Ordinal));
        var phAlert = alerts.EnumerateArray().Single(a => a.GetProperty("parameter").GetString() == "pH");
        Assert.Equal(("lower", 6.0, 1), (phAlert.GetProperty("bound").GetString(), phAlert.GetProperty("limit").GetDouble(), phAlert.GetProperty("band").GetInt32()));
        Assert.Equal(JsonValueKind.Null, phAlert.GetProperty("multiple").ValueKind);
        var codAlert = alerts.EnumerateArray().Single(a => a.GetProperty("parameter").GetString() == "COD");
        Assert.Equal(2.3, codAlert.GetProperty("peakMultiple").GetDouble(), 9);
    }

    /// <summary>The station's live view once it shows <paramref name="value"/> as the latest <paramref name="parameter"/>.</summary>
    private static async Task<JsonElement> LiveAsync(CloudHost cloud, string parameter, double value) =>
        await Eventually.ValueAsync(async () =>
        {
            var stations = await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stations", UriKind.Relative));
            var live = stations[0].GetProperty("live");
            return live.GetProperty("values").TryGetProperty(parameter, out var latest) && latest.GetProperty("value").GetDouble() == value ? live : (JsonElement?)null;
        }, Wait, $"the live view shows {parameter} {value}");
}
