using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>
/// A gateway batch refused whole is quarantined and still acknowledged when its number can be read,
/// so the gateway stops re-sending it; one whose number cannot be read is not acknowledged.
/// </summary>
public sealed class RefusedBatchAckTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private const string Park = "RefusedPark";
    private const string Gateway = "rf-gw-01";

    [Fact]
    public async Task A_batch_refused_whole_is_quarantined_and_acknowledged_by_its_number()
    {
        await using var cloud = await CloudHost.StartAsync(influx.Server, $"refused_{Guid.NewGuid():N}");
        cloud.Log.Expect(e => e.Is("Rejected") && e.Category.EndsWith(".BatchWriter", StringComparison.Ordinal), "the test publishes three batches that are refused whole");
        await using var acks = await GatewayAckListener.StartAsync(cloud.MqttPort, Park, Gateway);
        await using var publisher = await MqttPublisher.ConnectAsync(cloud.MqttPort, $"{Gateway}-{Guid.NewGuid():N}");
        var topic = Topics.GatewayBatch(Park, Gateway);

        // Another gateway's name in the header, too large, and not JSON at all.
        await publisher.PublishAsync(topic, Encoding.UTF8.GetBytes("""{"gateway":"someone-else","batch":77,"samples":[]}"""));
        var huge = new StringBuilder("""{"gateway":"rf-gw-01","batch":78,"samples":[""");
        while (huge.Length < 9 * 1024 * 1024)
        {
            huge.Append("""{"station":"RF-01","ts":1764486000000,"values":{"pH":7.1}},""");
        }

        await publisher.PublishAsync(topic, Encoding.UTF8.GetBytes(huge.Append("]}").ToString()));
        await publisher.PublishAsync(topic, Encoding.UTF8.GetBytes("garbage, batch 79"));

        await Eventually.UntilAsync(() => acks.Acknowledged.Contains(77) && acks.Acknowledged.Contains(78), TimeSpan.FromSeconds(30),
            "both refused batches with a readable number are acknowledged");
        var quarantine = await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/quarantine", UriKind.Relative));
        var reasons = quarantine.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.True(reasons.GetValueOrDefault("GatewayMismatch") >= 1, string.Join(", ", reasons));
        Assert.True(reasons.GetValueOrDefault("TooLarge") >= 1, string.Join(", ", reasons));
        Assert.Equal([77L, 78L], acks.Acknowledged.Order());
    }
}
