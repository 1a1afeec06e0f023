using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Cloud.Quarantine;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Packets;

namespace EnvMonitoring.Cloud.Tests.Ingestion;

/// <summary>The write path against a real influxd: refused lines are found exactly, the rest is stored.</summary>
public sealed class BatchStoreTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>, IDisposable
{
    private static readonly ParameterCatalog Catalog = ParameterCatalog.Default;
    private readonly string _root = Directory.CreateTempSubdirectory("batchstore-test-").FullName;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task Quarantines_exactly_the_lines_influxdb_refuses_and_stores_the_rest()
    {
        var database = $"bisect_{Guid.NewGuid():N}";
        await influx.Server.CreateDatabaseAsync(database);
        await influx.Server.GrantCloudAsync(database);
        var t0 = DateTimeOffset.UtcNow.AddHours(-1);
        // COD written as an integer first: later float COD values in this shard conflict (InfluxDB 400, partial write).
        await influx.Server.WriteAsync(database, $"sample,park=P,station=Seed COD=1i {t0.AddMinutes(-1).ToUnixTimeMilliseconds()}");
        var (store, quarantine) = Create(database, GzipMode.Never);
        var batch = new WriteBatch();
        for (var i = 0; i < 9; i++)
        {
            var conflicting = i is 2 or 7;
            var readings = conflicting
                ? new[] { new Reading(Catalog["COD"], 40.5 + i) }
                : new[] { new Reading(Catalog["pH"], 7 + (i * 0.1)) };
            var sample = new Sample($"S{i}", t0.AddSeconds(i), readings, i);
            var message = Message($"envmon/P/S{i}/telemetry", sample);
            batch.BeginMessage(message);
            LineProtocol.WriteSample(batch.Lines, "P", sample);
            batch.LineAdded(1);
        }

        await store.StoreAsync(batch, CancellationToken.None);

        Assert.Equal(7, await influx.Server.CountAsync(database, "SELECT COUNT(\"pH\") FROM \"sample\""));
        Assert.Equal(1, await influx.Server.CountAsync(database, "SELECT COUNT(\"COD\") FROM \"sample\""));
        var refused = quarantine.Latest(10);
        Assert.Equal(2, refused.Count);
        Assert.All(refused, e => Assert.Equal(QuarantineStore.RefusedByStorage, e.Reason));
        Assert.All(refused, e => Assert.Contains("conflict", e.Detail, StringComparison.Ordinal));
        Assert.Equal(["envmon/P/S7/telemetry", "envmon/P/S2/telemetry"], refused.Select(e => e.Topic));
        Assert.StartsWith("sample,park=P,station=S7 COD=47.5", refused[0].Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creates_a_database_that_vanished_and_stores_the_batch()
    {
        var database = $"vanished_{Guid.NewGuid():N}";
        var (store, quarantine) = Create(database, GzipMode.Never);
        var batch = OneLineBatch(DateTimeOffset.UtcNow.AddMinutes(-2));

        await store.StoreAsync(batch, CancellationToken.None);

        Assert.Equal(1, await influx.Server.CountAsync(database, "SELECT COUNT(\"pH\") FROM \"sample\""));
        Assert.Empty(quarantine.Latest(10));
    }

    [Fact]
    public async Task Gzipped_writes_are_stored_like_plain_ones()
    {
        var database = $"gzip_{Guid.NewGuid():N}";
        await influx.Server.CreateDatabaseAsync(database);
        await influx.Server.GrantCloudAsync(database);
        var (store, _) = Create(database, GzipMode.Always);
        var batch = new WriteBatch();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-30);
        for (var i = 0; i < 2000; i++)
        {
            var sample = new Sample("S1", t0.AddSeconds(i), [new Reading(Catalog["COD"], i + 0.25)], i);
            batch.BeginMessage(Message("envmon/P/S1/telemetry", sample));
            LineProtocol.WriteSample(batch.Lines, "P", sample);
            batch.LineAdded(1);
        }

        await store.StoreAsync(batch, CancellationToken.None);

        Assert.Equal(2000, await influx.Server.CountAsync(database, "SELECT COUNT(\"COD\") FROM \"sample\""));
        using var sum = await influx.Server.QueryAsync(database, "SELECT SUM(\"COD\") FROM \"sample\"");
        Assert.Equal((1999.0 * 2000 / 2) + (2000 * 0.25), sum.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")[0][1].GetDouble());
    }

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private static WriteBatch OneLineBatch(DateTimeOffset ts)
    {
        var batch = new WriteBatch();
        var sample = new Sample("S1", ts, [new Reading(Catalog["pH"], 7.2)], 1);
        batch.BeginMessage(Message("envmon/P/S1/telemetry", sample));
        LineProtocol.WriteSample(batch.Lines, "P", sample);
        batch.LineAdded(1);
        return batch;
    }

    private static IngestedMessage Message(string topic, Sample sample) => new(
        new MqttApplicationMessageReceivedEventArgs("test", new MqttApplicationMessage { Topic = topic }, new MqttPublishPacket(), (_, _) => Task.CompletedTask),
        topic, "P", [sample], [], null, null);

    private (BatchStore Store, QuarantineStore Quarantine) Create(string database, GzipMode gzip)
    {
        var influxOptions = Options.Create(new InfluxOptions
        {
            Url = influx.Server.BaseUri,
            Database = database,
            Gzip = gzip,
            Username = influx.Server.Cloud.Username,
            Password = influx.Server.Cloud.Password,
            SetupUsername = influx.Server.Admin.Username,
            SetupPassword = influx.Server.Admin.Password,
        });
        var client = new InfluxClient(new HttpClient(), influxOptions);
        IHostEnvironment environment = new HostingEnvironment { ContentRootPath = _root };
        var quarantine = new QuarantineStore(Options.Create(new QuarantineOptions { Directory = database }), environment, TimeProvider.System);
        var metrics = new IngestionMetrics(
            _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            new DeliveryQueue(Options.Create(new IngestionOptions())),
            quarantine);
        var store = new BatchStore(client, quarantine, new IngestionStatus(), metrics, TimeProvider.System, NullLogger<BatchStore>.Instance);
        return (store, quarantine);
    }
}
