using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using EnvMonitoring.Benchmarks.Measuring;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Testing;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// (a) The ceiling: our line-protocol encoder's output posted by our <see cref="InfluxClient"/>
/// straight to InfluxDB — batches of 10,000 wide lines, two requests in flight (the best
/// setting measured for InfluxDB 1.6.7 on two cores). Batches are encoded before the clock starts,
/// so the figure is InfluxDB's, not ours.
/// </summary>
internal sealed class RawCeilingScenario(InfluxServer influx, long values)
{
    public const string Id = "a";
    public const int LinesPerBatch = 10_000;
    public const int RequestsInFlight = 2;
    private const int MaxRetries = 5;

    public async Task<ScenarioResult> RunAsync(CancellationToken ct)
    {
        var database = IngestionBench.DatabaseOf(Id);
        var workload = new Workload(values);
        await influx.CreateDatabaseAsync(database, ct);
        // Written as the cloud's own least-privilege user, as (b) and (c) do through the host.
        await influx.GrantCloudAsync(database, ct);
        BenchLog.Step(Id, $"encoding {workload.SampleCount:N0} samples into batches of {LinesPerBatch:N0} lines");
        var batches = Encode(workload);

        using var http = new HttpClient();
        var client = new InfluxClient(http, Options.Create(new InfluxOptions { Url = influx.BaseUri, Database = database, Username = influx.Cloud.Username, Password = influx.Cloud.Password }));
        var next = -1;
        var written = 0L;
        var retries = 0;

        async Task PostAsync(CancellationToken token)
        {
            for (var i = Interlocked.Increment(ref next); i < batches.Count; i = Interlocked.Increment(ref next))
            {
                for (var attempt = 0; ; attempt++)
                {
                    var result = await client.WriteAsync(batches[i].Lines, token);
                    if (result.Outcome == InfluxWriteOutcome.Written)
                    {
                        break;
                    }

                    if (result.Outcome != InfluxWriteOutcome.Retryable || attempt == MaxRetries)
                    {
                        throw new BenchFailedException($"InfluxDB refused batch {i} ({result.Outcome}, {(int?)result.Status}): {result.Error}");
                    }

                    Interlocked.Increment(ref retries);
                    await Task.Delay(TimeSpan.FromMilliseconds(200), token);
                }

                Interlocked.Add(ref written, (long)batches[i].Samples * Workload.ValuesPerSample);
            }
        }

        BenchLog.Step(Id, $"posting {batches.Count:N0} batches, {RequestsInFlight} in flight");
        var influxPid = influx.ProcessId ?? throw new BenchFailedException("influxd is not running.");
        var clock = Stopwatch.StartNew();
        var cpu = CpuWindow.Start(Environment.ProcessId, influxPid);
        var watch = new ProgressWatch(Id, clock, _ => Task.FromResult(new Progress(Interlocked.Read(ref written), $"{Interlocked.Read(ref written):N0} values written")));
        await Supervision.RunAsync(
            async token =>
            {
                await Task.WhenAll(Enumerable.Range(0, RequestsInFlight).Select(_ => PostAsync(token)));
                await StoredData.WaitForAsync(influx, database, workload.SampleCount, token);
            },
            watch.RunAsync,
            ct);
        var elapsed = clock.Elapsed;
        var spent = cpu.Stop();
        var peakRss = ProcessMeter.PeakRssBytes(Environment.ProcessId);
        var verified = await StoredData.VerifyAsync(influx, database, workload.SampleCount, ct);
        return new ScenarioResult(
            Id,
            "raw ceiling: encoded batches -> InfluxClient -> InfluxDB",
            "bench process",
            workload.ValueCount,
            workload.SampleCount,
            batches.Count,
            elapsed,
            spent,
            peakRss,
            verified,
            new Dictionary<string, string>
            {
                ["linesPerBatch"] = LinesPerBatch.ToString(CultureInfo.InvariantCulture),
                ["requestsInFlight"] = RequestsInFlight.ToString(CultureInfo.InvariantCulture),
                ["retries"] = retries.ToString(CultureInfo.InvariantCulture),
                ["encodedMegabytes"] = (batches.Sum(b => (long)b.Lines.Length) / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture),
                ["peakRssNote"] = "includes the pre-encoded batches held in memory",
            });
    }

    private static List<(byte[] Lines, int Samples)> Encode(Workload workload)
    {
        var parks = Enumerable.Range(0, Workload.Parks).Select(Workload.ParkOf).ToArray();
        var batches = new List<(byte[] Lines, int Samples)>();
        var buffer = new ArrayBufferWriter<byte>(2 << 20);
        var lines = 0;
        for (var i = 0; i < workload.SampleCount; i++)
        {
            LineProtocol.WriteSample(buffer, parks[Workload.ParkIndexOf(i)], workload.SampleAt(i));
            if (++lines == LinesPerBatch || i == workload.SampleCount - 1)
            {
                batches.Add((buffer.WrittenSpan.ToArray(), lines));
                buffer.ResetWrittenCount();
                lines = 0;
            }
        }

        return batches;
    }
}
