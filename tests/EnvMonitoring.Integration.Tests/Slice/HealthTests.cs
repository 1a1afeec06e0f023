using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Slice;

public sealed class HealthTests : SliceFixture
{
    [Fact]
    public async Task Health_reports_an_influxdb_outage_and_its_end()
    {
        var healthy = await Cloud.Http.GetAsync(new Uri("/api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);

        // Health answers once the broker and InfluxDB are reachable, while the host may still be reading
        // its start-up state (alert history, seals, rollups) or writing its first journal entries (seals, limits in force): each warns and retries.
        Cloud.Log.Expect(
            e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && (e.Is("InfluxNotReady") || e.Is("ReplayFailed") || e.Is("PassFailed") || e.Is("RecoveryFailed") || e.Is("StoreUnreadable") || e.Is("WriteFailed") || e.Is("WarmFailed")),
            "the test stops InfluxDB while the host's components may still be reading their start-up state (the rules warming from history start empty) or writing a journal; each warns and retries or goes on");
        await Influx.StopAsync();
        var down = await Cloud.Http.GetAsync(new Uri("/api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        var body = await down.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.False(body.GetProperty("influx").GetProperty("reachable").GetBoolean());
        Assert.True(body.GetProperty("broker").GetProperty("reachable").GetBoolean());

        await Influx.RestartAsync();
        await Eventually.UntilAsync(
            async () => (await Cloud.Http.GetAsync(new Uri("/api/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "health is ok again after InfluxDB restarted");
    }
}
