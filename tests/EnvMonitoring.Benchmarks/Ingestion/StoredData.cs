using System.Diagnostics;
using System.Text.Json;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>What actually landed in InfluxDB: the clock stops on a COUNT, and every run ends with an exact one.</summary>
internal static class StoredData
{
    public const string Measurement = "sample";

    /// <summary>Polled to see when everything landed; a point carries all its fields, so one suffices.</summary>
    public const string CountedField = "COD";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Returns as soon as <c>COUNT</c> of the points from <paramref name="since"/> on (default
    /// <see cref="Workload.Start"/>: what the measured run sends) reaches <paramref name="expectedSamples"/>.
    /// </summary>
    /// <exception cref="BenchFailedException">The count went past the expectation, or stopped growing for a minute.</exception>
    public static async Task WaitForAsync(InfluxServer influx, string database, long expectedSamples, CancellationToken ct, DateTimeOffset? since = null)
    {
        var last = -1L;
        var sinceChange = Stopwatch.StartNew();
        while (true)
        {
            var count = await influx.CountAsync(database, $"SELECT COUNT(\"{CountedField}\") FROM \"{Measurement}\" WHERE {From(since)}", ct);
            if (count == expectedSamples)
            {
                return;
            }

            if (count > expectedSamples)
            {
                throw new BenchFailedException($"{database} holds {count:N0} points but only {expectedSamples:N0} samples were sent.");
            }

            if (count != last)
            {
                last = count;
                sinceChange.Restart();
            }
            else if (sinceChange.Elapsed > StallTimeout)
            {
                throw new BenchFailedException(
                    $"only {count:N0} of {expectedSamples:N0} samples landed in {database}; none arrived for {StallTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(PollInterval, ct);
        }
    }

    /// <summary>
    /// Counts every field with <c>SELECT COUNT(*)</c> from <see cref="Workload.Start"/> on (a warm-up may
    /// have stored the day before): each parameter and <c>seq</c> must appear exactly once per sample,
    /// and nothing else may be stored. Returns the number of values.
    /// </summary>
    /// <exception cref="BenchFailedException">Any field's count differs: data was lost or invented.</exception>
    public static async Task<long> VerifyAsync(InfluxServer influx, string database, long samples, CancellationToken ct)
    {
        using var answer = await influx.QueryAsync(database, $"SELECT COUNT(*) FROM \"{Measurement}\" WHERE {From(null)}", ct);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var result = answer.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("series", out var series) && series.GetArrayLength() > 0)
        {
            var columns = series[0].GetProperty("columns");
            var row = series[0].GetProperty("values")[0];
            for (var i = 0; i < columns.GetArrayLength(); i++)
            {
                var name = columns[i].GetString() ?? "";
                if (name.StartsWith("count_", StringComparison.Ordinal) && row[i].ValueKind == JsonValueKind.Number)
                {
                    counts[name["count_".Length..]] = row[i].GetInt64();
                }
            }
        }

        var problems = new List<string>();
        var values = 0L;
        foreach (var field in Workload.ParameterCodes.Append("seq"))
        {
            var count = counts.GetValueOrDefault(field);
            if (count != samples)
            {
                problems.Add($"{field}: {count:N0} stored, {samples:N0} sent");
            }

            if (field != "seq")
            {
                values += count;
            }
        }

        problems.AddRange(counts.Keys.Except(Workload.ParameterCodes.Append("seq")).Select(f => $"{f}: {counts[f]:N0} stored, none sent"));
        if (problems.Count > 0)
        {
            throw new BenchFailedException($"{database} does not hold exactly what was sent: {string.Join("; ", problems)}.");
        }

        return values;
    }

    private static string From(DateTimeOffset? since) => $"time >= {InfluxQl.Time(since ?? Workload.Start)}";
}
