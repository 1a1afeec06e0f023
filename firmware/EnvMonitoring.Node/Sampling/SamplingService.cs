using EnvMonitoring.Node.Outbox;
using EnvMonitoring.Node.Probes;
using EnvMonitoring.Node.Publishing;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Node.Sampling;

/// <summary>
/// Drives every station's <see cref="StationSampler"/> on the <see cref="SamplingSchedule"/> and
/// puts each report into the station's on-disk outbox, where it gets its <c>seq</c>; publishing is
/// decoupled, so readings go on being taken while the gateway is unreachable.
/// </summary>
internal sealed class SamplingService(
    IOptions<NodeOptions> options,
    IStationProbes probes,
    CalibrationModes calibration,
    Outboxes outboxes,
    ILinkSchedule links,
    NodeMetrics metrics,
    TimeProvider time,
    ILogger<SamplingService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var schedule = new SamplingSchedule(settings.ReportInterval, settings.SampleInterval);
        var scenario = settings.EffectiveBackend == NodeBackend.Simulator ? settings.Simulator.Scenario ?? "none" : "n/a";
        NodeLog.Started(logger, settings.Park, settings.EffectiveBackend, settings.Stations.Count, settings.Channels.Count, scenario);
        return Task.WhenAll(settings.Stations.Select(station =>
            RunAsync(new StationSampler(station.Id, probes.For(station.Id), calibration), outboxes[station.Id], schedule, stoppingToken)));
    }

    private async Task RunAsync(StationSampler sampler, SampleOutbox outbox, SamplingSchedule schedule, CancellationToken stoppingToken)
    {
        // Probe reads block (a pH measurement takes 0.75 s): keep them off the host's start-up path.
        await Task.Yield();
        NodeLog.Sampling(logger, sampler.Station, sampler.Probes, schedule.SampleInterval, schedule.ReportInterval);
        var poweredOff = false;
        var lastTick = DateTimeOffset.MinValue;
        DateTimeOffset? reportDue = null;
        try
        {
            while (true)
            {
                // Never the same tick twice, even if a timer fired a hair early: two samples must not share a time.
                var now = time.GetUtcNow();
                var tick = schedule.NextSample(now > lastTick ? now : lastTick);
                lastTick = tick;
                var wait = tick - time.GetUtcNow();
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken);
                if (links.State(sampler.Station, tick) == LinkState.PoweredOff)
                {
                    // A node without power takes no readings and reports nothing, not even a partial interval.
                    sampler.Discard();
                    reportDue = null;
                    poweredOff = true;
                    continue;
                }

                if (poweredOff)
                {
                    poweredOff = false;
                    NodeLog.PoweredOn(logger, sampler.Station);
                }

                reportDue ??= schedule.ReportDue(tick);
                sampler.SampleOnce(tick);
                // Compared, not matched: a sampling interval that does not divide the report interval
                // in whole ticks drifts off the boundary by a few hundred nanoseconds.
                if (tick >= reportDue.Value - SamplingSchedule.Tolerance)
                {
                    Report(sampler, outbox, reportDue.Value.ToOffset(options.Value.UtcOffset));
                    // The next boundary, or a later one if reads fell behind (a stalled bus, a suspended board).
                    var next = reportDue.Value + schedule.ReportInterval;
                    var current = schedule.ReportDue(tick);
                    reportDue = current > next ? current : next;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the reads of an unfinished interval are not a reading.
        }
    }

    private void Report(StationSampler sampler, SampleOutbox outbox, DateTimeOffset timestamp)
    {
        var readings = sampler.TakeReport();
        metrics.Reported(sampler.Station, readings);
        if (readings.Count == 0)
        {
            NodeLog.NothingToReport(logger, sampler.Station, timestamp);
            return;
        }

        try
        {
            var sample = outbox.Append(timestamp, readings);
            NodeLog.Measured(logger, sampler.Station, sample.Seq ?? -1, timestamp, readings.Count);
        }
        catch (IOException e)
        {
            // The outbox's disk failed: this reading is lost, loudly.
            NodeLog.OutboxWriteFailed(logger, sampler.Station, timestamp, e);
        }
    }
}
