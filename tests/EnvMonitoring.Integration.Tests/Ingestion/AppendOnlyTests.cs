using System.Text.Json;
using EnvMonitoring.Integration.Tests.Alerts;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>
/// Issue 13, item 4: a stored reading (station, measured time, parameter) is never overwritten. A
/// repeat with the same content is a no-op; one with other content, or a seq that comes back with
/// other content, is quarantined as a <c>Conflict</c> holding both versions and raises an alert.
/// Real cloud host, real broker client with its own identity, real InfluxDB.
/// </summary>
public sealed class AppendOnlyTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Overwriting_a_stored_reading_keeps_the_stored_value_quarantines_both_versions_and_alerts()
    {
        var station = new AlertStation("AppendPark", $"AO-{Guid.NewGuid():N}"[..12]);
        var database = $"append_{Guid.NewGuid():N}";
        await using var scene = await StartAsync(station, database, expectConflicts: true);
        var (cloud, publisher) = (scene.Cloud, scene.Publisher);
        var at = Truncated(DateTimeOffset.UtcNow.AddMinutes(-10));
        await publisher.PublishAsync(station.Topic, Encode(station, at, 37.2, DeviceStatus.Measuring, seq: 100));
        await Eventually.UntilAsync(async () => await StoredCodAsync(database, station, at) == 37.2, Wait, "the original reading is stored");

        // The report's attack: the same station and time, a lower value, flagged as calibrating.
        var rewrite = await publisher.PublishAsync(station.Topic, Encode(station, at, 5.0, DeviceStatus.Calibrating, seq: 100));

        Assert.True(rewrite.IsSuccess, "the refusal is ingestion's, after the broker took the message: the publisher is acknowledged and does not resend");
        var entry = await cloud.WaitForQuarantinedAsync("Conflict", station.Topic, Wait);
        Assert.Contains("already stored with other content", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using (var versions = JsonDocument.Parse(entry.GetProperty("payload").GetString()!))
        {
            Assert.Equal(37.2, versions.RootElement.GetProperty("stored").GetProperty("values").GetProperty("COD").GetDouble());
            Assert.Equal(5.0, versions.RootElement.GetProperty("sent").GetProperty("values").GetProperty("COD").GetDouble());
        }

        await Eventually.UntilAsync(async () => (await cloud.OpenRulesAsync(station.Station)).Contains("dataConflict"), Wait, "a data-conflict alert is open for admins");
        Assert.Equal(37.2, await StoredCodAsync(database, station, at));
        Assert.Null(await StoredStatusAsync(database, station, at));
    }

    [Fact]
    public async Task A_replay_with_the_same_content_is_a_no_op_and_no_conflict()
    {
        var station = new AlertStation("ReplayPark", $"AO-{Guid.NewGuid():N}"[..12]);
        var database = $"append_{Guid.NewGuid():N}";
        await using var scene = await StartAsync(station, database, expectConflicts: false);
        var (cloud, publisher) = (scene.Cloud, scene.Publisher);
        var at = Truncated(DateTimeOffset.UtcNow.AddMinutes(-10));

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await publisher.PublishAsync(station.Topic, Encode(station, at, 37.2, DeviceStatus.Measuring, seq: 7))).IsSuccess);
        }

        // A later reading, stored after the replays, shows that they were all taken.
        await publisher.PublishAsync(station.Topic, Encode(station, at.AddMinutes(1), 38.0, DeviceStatus.Measuring, seq: 8));
        await Eventually.UntilAsync(async () => await StoredCodAsync(database, station, at.AddMinutes(1)) == 38.0, Wait, "the later reading is stored");
        Assert.Equal(37.2, await StoredCodAsync(database, station, at));
        Assert.Equal(2, await StoredCountAsync(database, station));
        Assert.DoesNotContain(await cloud.QuarantineAsync(), e => e.GetProperty("reason").GetString() == "Conflict");
        Assert.DoesNotContain("dataConflict", await cloud.OpenRulesAsync(station.Station));
    }

    [Fact]
    public async Task A_seq_that_comes_back_at_another_time_is_refused_as_a_conflict()
    {
        var station = new AlertStation("SeqPark", $"AO-{Guid.NewGuid():N}"[..12]);
        var database = $"append_{Guid.NewGuid():N}";
        await using var scene = await StartAsync(station, database, expectConflicts: true);
        var (cloud, publisher) = (scene.Cloud, scene.Publisher);
        var at = Truncated(DateTimeOffset.UtcNow.AddMinutes(-10));
        await publisher.PublishAsync(station.Topic, Encode(station, at, 37.2, DeviceStatus.Measuring, seq: 42));
        await Eventually.UntilAsync(async () => await StoredCodAsync(database, station, at) == 37.2, Wait, "seq 42 is stored");

        // A second "seq 42" half a minute later: a diluting reading slipped in between the real ones.
        await publisher.PublishAsync(station.Topic, Encode(station, at.AddSeconds(30), 2.0, DeviceStatus.Measuring, seq: 42));

        var entry = await cloud.WaitForQuarantinedAsync("Conflict", station.Topic, Wait);
        Assert.Contains("seq 42 is already stored", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await StoredCodAsync(database, station, at.AddSeconds(30)));
        Assert.Equal(1, await StoredCountAsync(database, station));
    }

    [Fact]
    public async Task After_a_restart_a_rewrite_of_data_stored_before_is_read_back_and_refused_while_its_replay_is_taken()
    {
        var station = new AlertStation("RestartPark", $"AO-{Guid.NewGuid():N}"[..12]);
        var database = $"append_{Guid.NewGuid():N}";
        var identity = TestBrokerClient.ForStation(station.Park, station.Station);
        var at = Truncated(DateTimeOffset.UtcNow.AddMinutes(-30));
        await using (var first = await CloudHost.StartAsync(influx.Server, database, station.Settings(), [identity]))
        {
            await using var publisher = await MqttPublisher.ConnectAsync(first.MqttPort, $"pub-{Guid.NewGuid():N}", identity);
            for (var i = 0; i < 5; i++)
            {
                await publisher.PublishAsync(station.Topic, Encode(station, at.AddMinutes(i), 30 + i, DeviceStatus.Measuring, seq: i));
            }

            await Eventually.UntilAsync(async () => await StoredCountAsync(database, station) == 5, Wait, "five readings are stored before the restart");
        }

        // A new process knows only the newest stored time: everything at or before it costs a read.
        await using var cloud = await CloudHost.StartAsync(influx.Server, database, station.Settings(), [identity]);
        ExpectConflicts(cloud);
        await using var again = await MqttPublisher.ConnectAsync(cloud.MqttPort, $"pub-{Guid.NewGuid():N}", identity);
        await again.PublishAsync(station.Topic, Encode(station, at.AddMinutes(1), 31, DeviceStatus.Measuring, seq: 1));
        await again.PublishAsync(station.Topic, Encode(station, at.AddMinutes(2), 99, DeviceStatus.Measuring, seq: 2));
        await again.PublishAsync(station.Topic, Encode(station, at.AddMinutes(4), 34, DeviceStatus.Fault, seq: 4));

        var entry = await cloud.WaitForQuarantinedAsync("Conflict", station.Topic, Wait);
        await Eventually.UntilAsync(async () => (await cloud.QuarantineAsync()).Count(e => e.GetProperty("reason").GetString() == "Conflict") == 2, Wait, "both rewrites are refused");
        using (var versions = JsonDocument.Parse(entry.GetProperty("payload").GetString()!))
        {
            Assert.Equal(JsonValueKind.Object, versions.RootElement.GetProperty("stored").ValueKind);
        }

        Assert.Equal(32, await StoredCodAsync(database, station, at.AddMinutes(2)));
        Assert.Null(await StoredStatusAsync(database, station, at.AddMinutes(4)));
        Assert.Equal(5, await StoredCountAsync(database, station));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(2, (await cloud.QuarantineAsync()).Count(e => e.GetProperty("reason").GetString() == "Conflict"));
    }

    /// <summary>A cloud host with the station registered, and a publisher connected as the station's own identity.</summary>
    private async Task<Scene> StartAsync(AlertStation station, string database, bool expectConflicts)
    {
        var identity = TestBrokerClient.ForStation(station.Park, station.Station);
        var cloud = await CloudHost.StartAsync(influx.Server, database, station.Settings(), [identity]);
        if (expectConflicts)
        {
            ExpectConflicts(cloud);
        }

        return new Scene(cloud, await MqttPublisher.ConnectAsync(cloud.MqttPort, $"pub-{Guid.NewGuid():N}", identity));
    }

    private static DateTimeOffset Truncated(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());

    /// <summary>One sample of the station's COD, as a station sends it.</summary>
    internal static byte[] Encode(AlertStation station, DateTimeOffset at, double cod, DeviceStatus status, long seq) =>
        SampleCodec.EncodeSample(new Sample(station.Station, at, [new Reading(ParameterCatalog.Default["COD"], cod, status)], seq));

    private static void ExpectConflicts(CloudHost cloud) =>
        cloud.Log.Expect(e => e.Is("ConflictRefused"), "the test sends a rewrite of a stored reading");

    private async Task<double?> StoredCodAsync(string database, AlertStation station, DateTimeOffset at) =>
        await StoredFieldAsync(database, station, at, "COD");

    private async Task<double?> StoredStatusAsync(string database, AlertStation station, DateTimeOffset at) =>
        await StoredFieldAsync(database, station, at, "COD_status");

    private async Task<double?> StoredFieldAsync(string database, AlertStation station, DateTimeOffset at, string field)
    {
        using var result = await influx.Server.QueryAsync(database,
            $"SELECT \"{field}\" FROM \"sample\" WHERE \"station\" = '{station.Station}' AND time = '{at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}'");
        var first = result.RootElement.GetProperty("results")[0];
        return first.TryGetProperty("series", out var series) && series[0].GetProperty("values")[0][1] is { ValueKind: JsonValueKind.Number } value
            ? value.GetDouble()
            : null;
    }

    private async Task<long> StoredCountAsync(string database, AlertStation station)
    {
        using var result = await influx.Server.QueryAsync(database, $"SELECT count(\"COD\") FROM \"sample\" WHERE \"station\" = '{station.Station}'");
        var first = result.RootElement.GetProperty("results")[0];
        return first.TryGetProperty("series", out var series) ? series[0].GetProperty("values")[0][1].GetInt64() : 0;
    }

    private sealed record Scene(CloudHost Cloud, MqttPublisher Publisher) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Publisher.DisposeAsync();
            await Cloud.DisposeAsync();
        }
    }
}
