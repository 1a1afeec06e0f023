using EnvMonitoring.Integration.Tests.Slice;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Edge;

/// <summary>Checks that what a node was acknowledged for is in InfluxDB, value for value, and nothing else.</summary>
internal static class EdgeDelivery
{
    public static async Task AssertAllStoredAsync(InfluxServer influx, string database, IReadOnlyCollection<Sample> acknowledged)
    {
        foreach (var station in acknowledged.GroupBy(s => s.Station))
        {
            var stored = await StoredPoints.ReadAsync(influx, database, station.Key);
            Assert.Equal(station.Count(), stored.Count);
            foreach (var sample in station)
            {
                Assert.True(stored.TryGetValue(sample.Timestamp.ToUnixTimeMilliseconds(), out var point),
                    $"{sample.Station} sample seq {sample.Seq} at {sample.Timestamp:O} was acknowledged to the node but never stored");
                foreach (var reading in sample.Readings)
                {
                    Assert.Equal(reading.Value, point[reading.Parameter.Code].GetDouble());
                }
            }
        }
    }

    public static Task WaitUntilStoredAsync(InfluxServer influx, string database, int samples, TimeSpan timeout) =>
        Eventually.UntilAsync(
            async () => await influx.CountAsync(database, "SELECT COUNT(\"pH\") FROM \"sample\"") >= samples,
            timeout, $"{samples} samples are in InfluxDB");
}
