using System.Buffers;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Cloud.Tests.Storage;

/// <summary>What the encoder writes, read back from a real influxd: hostile tag values never add a field or a line.</summary>
public sealed class LineProtocolInfluxTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private static readonly ParameterCatalog Catalog = ParameterCatalog.Default;

    [Theory]
    [InlineData("comma,park")]
    [InlineData("eq=park")]
    [InlineData("space park")]
    [InlineData("quote\"park")]
    [InlineData("all ,= \"of them")]
    [InlineData("trailing ")]
    public async Task Hostile_tag_values_come_back_exactly_and_add_nothing(string park)
    {
        var database = $"lp_{Guid.NewGuid():N}";
        await influx.Server.CreateDatabaseAsync(database);
        var ts = DateTimeOffset.UtcNow.AddMinutes(-5);
        var buffer = new ArrayBufferWriter<byte>();
        LineProtocol.WriteSample(buffer, park, new Sample("S1", ts, [new Reading(Catalog["COD"], 45.3, DeviceStatus.Calibrating)], 7));
        LineProtocol.WriteSample(buffer, "other", new Sample("S2", ts, [new Reading(Catalog["pH"], 7.5)]));
        await influx.Server.WriteAsync(database, System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));

        using var tags = await influx.Server.QueryAsync(database, "SHOW TAG VALUES FROM \"sample\" WITH KEY = \"park\"");
        var parks = tags.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")
            .EnumerateArray().Select(v => v[1].GetString()).ToList();
        Assert.Equal(new[] { "other", park }.Order(StringComparer.Ordinal), parks.Order(StringComparer.Ordinal));

        using var fields = await influx.Server.QueryAsync(database, "SHOW FIELD KEYS FROM \"sample\"");
        var keys = fields.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")
            .EnumerateArray().Select(v => v[0].GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["COD", "COD_status", "pH", "seq"], keys);
        using var series = await influx.Server.QueryAsync(database, "SHOW SERIES FROM \"sample\"");
        Assert.Equal(2, series.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values").GetArrayLength());
        Assert.Equal(1, await influx.Server.CountAsync(database, "SELECT COUNT(\"COD\") FROM \"sample\""));
        Assert.Equal(1, await influx.Server.CountAsync(database, "SELECT COUNT(\"pH\") FROM \"sample\""));

        using var point = await influx.Server.QueryAsync(database, $"SELECT \"COD\", \"COD_status\", \"seq\" FROM \"sample\" WHERE \"station\" = 'S1'");
        var row = point.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")[0];
        Assert.Equal(ts.ToUnixTimeMilliseconds(), row[0].GetInt64());
        Assert.Equal(45.3, row[1].GetDouble());
        Assert.Equal(1, row[2].GetInt32());
        Assert.Equal(7, row[3].GetInt64());
    }
}
