using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;
using MQTTnet;

namespace EnvMonitoring.Integration.Tests.Slice;

/// <summary>The foundation slice: node → gateway broker → cloud broker → ingestion → InfluxDB → API.</summary>
public sealed class NodeToInfluxTests : SliceFixture
{
    private const int SamplesPerStation = 40;
    private static readonly ParameterCatalog Catalog = ParameterCatalog.Default;

    [Fact]
    public async Task Every_sample_published_at_the_node_end_is_stored_with_its_values_status_and_measurement_time()
    {
        // Measured yesterday, so a store stamped with arrival time would be caught.
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1).AddHours(3), TimeSpan.Zero).ToOffset(TimeSpan.FromHours(7));
        var sent = new List<Sample>();
        await using (var node = await MqttPublisher.ConnectAsync(Gateway.Port, "test-node"))
        {
            foreach (var (station, medium) in new[] { ("YB-WWTP-01", Medium.Water), ("YB-TEXTILE-01", Medium.Water), ("YB-BOILER-01", Medium.Air) })
            {
                for (var i = 0; i < SamplesPerStation; i++)
                {
                    var sample = MakeSample(station, medium, i, start.AddMinutes(i));
                    var result = await node.PublishAsync(Topics.Telemetry(Park, station), Encode(sample, i));
                    Assert.True(result.IsSuccess, $"gateway refused sample {i} of {station}: {result.ReasonCode} {result.ReasonString}");
                    sent.Add(sample);
                }
            }
        }

        await Eventually.UntilAsync(
            async () => await Influx.CountAsync(Cloud.Database, "SELECT COUNT(\"seq\") FROM \"sample\"") == sent.Count,
            TimeSpan.FromSeconds(30),
            $"all {sent.Count} samples are in InfluxDB");

        foreach (var group in sent.GroupBy(s => s.Station))
        {
            var stored = await StoredPoints.ReadAsync(Influx, Cloud.Database, group.Key);
            Assert.Equal(SamplesPerStation, stored.Count);
            foreach (var sample in group)
            {
                Assert.True(stored.TryGetValue(sample.Timestamp.ToUnixTimeMilliseconds(), out var point),
                    $"{sample.Station} sample at {sample.Timestamp:O} is not stored at its measurement time");
                Assert.Equal(Park, point["park"].GetString());
                Assert.Equal(sample.Seq, point["seq"].GetInt64());
                foreach (var reading in sample.Readings)
                {
                    Assert.True(point[reading.Parameter.Code].ValueKind == JsonValueKind.Number, $"{sample.Station} {sample.Timestamp:O} seq {sample.Seq}: {reading.Parameter.Code} = {reading.Value} not stored; point: {string.Join(", ", point.Select(kv => kv.Key + "=" + kv.Value))}");
                    Assert.Equal(reading.Value, point[reading.Parameter.Code].GetDouble());
                    var status = StoredPoints.Field(point, reading.Parameter.Code + "_status");
                    Assert.Equal((int)reading.Status, status.ValueKind == JsonValueKind.Number ? status.GetInt32() : 0);
                }

                // Parameters the sample did not carry are absent, not zero.
                foreach (var parameter in Catalog.Parameters.Where(p => sample.Readings.All(r => r.Parameter != p)))
                {
                    Assert.True(StoredPoints.IsAbsent(point, parameter.Code), $"{parameter.Code} was stored though not sent");
                }
            }
        }
    }

    [Fact]
    public async Task Readings_api_returns_stored_readings_in_local_time_with_status()
    {
        // 10:30 local time yesterday: inside the cloud's backfill horizon.
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1).AddHours(3).AddMinutes(30), TimeSpan.Zero).ToOffset(TimeSpan.FromHours(7));
        var samples = Enumerable.Range(0, 10).Select(i => MakeSample("YB-WWTP-01", Medium.Water, i, start.AddMinutes(5 * i))).ToList();
        await using (var node = await MqttPublisher.ConnectAsync(Gateway.Port, "test-node-api"))
        {
            foreach (var (sample, i) in samples.Select((s, i) => (s, i)))
            {
                Assert.True((await node.PublishAsync(Topics.Telemetry(Park, sample.Station), Encode(sample, i))).IsSuccess);
            }
        }

        var from = Uri.EscapeDataString(start.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        var first = new Uri($"/api/readings?station=YB-WWTP-01&param=COD&from={from}&to={start.AddMinutes(5).UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z&limit=5000", UriKind.Relative);
        var wide = new Uri($"/api/readings?station=YB-WWTP-01&param=COD&from={from}&to={Uri.EscapeDataString(start.AddMinutes(90).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture))}", UriKind.Relative);
        await Eventually.UntilAsync(
            async () => (await Cloud.Http.GetFromJsonAsync<JsonElement>(wide)).GetProperty("readings").GetArrayLength() == samples.Count,
            TimeSpan.FromSeconds(30), "the API serves all ten readings");

        // [from, to) with to = 03:35Z = 10:35+07 holds only the 10:30 reading; the wide window has all ten, oldest first.
        Assert.Equal(1, (await Cloud.Http.GetFromJsonAsync<JsonElement>(first)).GetProperty("readings").GetArrayLength());
        var body = await Cloud.Http.GetFromJsonAsync<JsonElement>(wide);
        Assert.Equal("mg/L", body.GetProperty("unit").GetString());
        var readings = body.GetProperty("readings").EnumerateArray().ToList();
        for (var i = 0; i < samples.Count; i++)
        {
            samples[i].TryGetReading("COD", out var cod);
            Assert.Equal(samples[i].Timestamp.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture), readings[i].GetProperty("ts").GetString());
            Assert.Equal(cod.Value, readings[i].GetProperty("value").GetDouble());
            Assert.Equal((int)cod.Status, readings[i].GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task Simulated_node_readings_of_the_last_minute_are_served_by_the_api()
    {
        await using var node = await NodeHost.StartAsync(Park, Gateway.Port, TimeSpan.FromSeconds(1), ("YB-WWTP-01", "Water"), ("YB-BOILER-01", "Air"));
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        JsonElement body = default;
        await Eventually.UntilAsync(async () =>
        {
            body = await Cloud.Http.GetFromJsonAsync<JsonElement>(new Uri(
                $"/api/readings?station=YB-BOILER-01&param=SO2&from={Uri.EscapeDataString(from.ToString("O"))}", UriKind.Relative));
            return body.GetProperty("readings").GetArrayLength() >= 3;
        }, TimeSpan.FromSeconds(30), "three SO2 readings of the simulated stack arrive");

        foreach (var reading in body.GetProperty("readings").EnumerateArray())
        {
            var ts = DateTimeOffset.Parse(reading.GetProperty("ts").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(TimeSpan.FromHours(7), ts.Offset);
            Assert.InRange(ts, from, DateTimeOffset.UtcNow);
            Assert.InRange(reading.GetProperty("value").GetDouble(), 50, 1000);
        }
    }

    [Fact]
    public async Task Gateway_refuses_publishes_outside_its_park_and_malformed_samples()
    {
        Gateway.Log.Expect(e => e.Is("Refused") && e.Category.EndsWith(".NodeBroker", StringComparison.Ordinal), "the test publishes outside the park and malformed samples");
        await using var node = await MqttPublisher.ConnectAsync(Gateway.Port, "test-node-bad");
        var good = SampleCodec.EncodeSample(MakeSample("YB-WWTP-01", Medium.Water, 0, DateTimeOffset.UtcNow));

        var otherPark = await node.PublishAsync(Topics.Telemetry("SongCong2", "YB-WWTP-01"), good);
        var otherStation = await node.PublishAsync(Topics.Telemetry(Park, "YB-TEXTILE-01"), good);
        var notJson = await node.PublishAsync(Topics.Telemetry(Park, "YB-WWTP-01"), Encoding.UTF8.GetBytes("{\"station\":"));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, otherPark.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, otherStation.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, notJson.ReasonCode);
        Assert.True((await node.PublishAsync(Topics.Telemetry(Park, "YB-WWTP-01"), good)).IsSuccess);
        await Eventually.UntilAsync(
            async () => await Influx.CountAsync(Cloud.Database, "SELECT COUNT(\"seq\") FROM \"sample\"") == 1,
            TimeSpan.FromSeconds(30), "the good sample is stored");
        Assert.Equal(1, await Influx.CountAsync(Cloud.Database, "SELECT COUNT(\"seq\") FROM \"sample\""));
    }

    [Fact]
    public async Task Ingestion_quarantines_bad_input_on_the_cloud_broker_and_keeps_the_good_values_beside_it()
    {
        Cloud.Log.Expect(e => e.Is("Rejected") && e.Category.EndsWith(".BatchWriter", StringComparison.Ordinal), "the test publishes bad input to be quarantined");
        await using var station = await MqttPublisher.ConnectAsync(Cloud.MqttPort, "direct-station", DirectStation);
        var ts = DateTimeOffset.UtcNow.AddMinutes(-3).ToUnixTimeMilliseconds();
        var mixed = Encoding.UTF8.GetBytes($$$"""{"station":"SC2-WWTP-01","ts":{{{ts}}},"values":{"COD":51.5,"cod":3,"pH":"7"}}""");
        Assert.True((await station.PublishAsync(Topics.Telemetry("SongCong2", "SC2-WWTP-01"), mixed)).IsSuccess);
        Assert.True((await station.PublishAsync(Topics.Telemetry("SongCong2", "SC2-WWTP-01"), Encoding.UTF8.GetBytes("not json"))).IsSuccess);

        await Eventually.UntilAsync(
            async () => await Influx.CountAsync(Cloud.Database, "SELECT COUNT(\"COD\") FROM \"sample\"") == 1,
            TimeSpan.FromSeconds(30), "the good COD value is stored");
        var stored = await StoredPoints.ReadAsync(Influx, Cloud.Database, "SC2-WWTP-01");
        Assert.Equal(51.5, stored[ts]["COD"].GetDouble());
        Assert.True(StoredPoints.IsAbsent(stored[ts], "pH"), "the pH sent as a string was stored");

        var quarantine = await Cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/quarantine", UriKind.Relative));
        var reasons = quarantine.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("reason").GetString()).ToList();
        Assert.Contains("UnknownParameter", reasons);
        Assert.Contains("WrongType", reasons);
        Assert.Contains("NotJson", reasons);
    }

    private static Sample MakeSample(string station, Medium medium, int i, DateTimeOffset ts)
    {
        var codes = medium == Medium.Water
            ? new[] { "pH", "Temp", "COD", "TSS", "NH4", "FlowOut" }
            : new[] { "Dust", "SO2", "NOx", "CO", "O2" };
        var readings = codes.Select((code, k) =>
        {
            var status = code == "COD" && i % 7 == 3 ? DeviceStatus.Calibrating
                : code == "NH4" && i % 11 == 5 ? DeviceStatus.Fault
                : DeviceStatus.Measuring;
            var value = code switch
            {
                "pH" => 6.5 + (i % 20 * 0.1),
                "O2" => 5 + (i % 10 * 0.5),
                _ => Math.Round(10 + (i * 1.37) + (k * 3.1), 3),
            };
            return new Reading(Catalog[code], value, status);
        }).ToArray();
        return new Sample(station, ts, readings, 1000 + i);
    }

    /// <summary>Every third sample is sent with an epoch-millisecond ts and every fifth in UTC, as devices do.</summary>
    private static byte[] Encode(Sample sample, int i)
    {
        if (i % 5 == 0)
        {
            sample = new Sample(sample.Station, sample.Timestamp.ToUniversalTime(), sample.Readings, sample.Seq);
        }

        var json = SampleCodec.EncodeSample(sample);
        if (i % 3 != 0)
        {
            return json;
        }

        var text = Encoding.UTF8.GetString(json);
        var quoted = JsonSerializer.Serialize(sample.Timestamp);
        Assert.Contains(quoted, text, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Replace(quoted, sample.Timestamp.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }
}
