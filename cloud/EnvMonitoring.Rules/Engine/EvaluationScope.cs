using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Engine;

/// <summary>
/// What one call into the engine evaluates under: the book, where events go, the time it is, and
/// whether it is only warming the windows up (no transitions). One instance per engine, reset per
/// call, so a call allocates nothing of its own.
/// </summary>
internal sealed class EvaluationScope(AlertBook book, SeverityScale scale, EngineCounters counters)
{
    public AlertBook Book { get; } = book;

    public SeverityScale Scale { get; } = scale;

    public EngineCounters Counters { get; } = counters;

    public List<AlertEvent>? Events { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public long NowTicks { get; private set; }

    /// <summary>True while replaying stored readings at start-up: state is rebuilt, alerts are left as the book has them.</summary>
    public bool Warm { get; private set; }

    public StationTimings Timings { get; set; } = null!;

    public void Begin(DateTimeOffset now, List<AlertEvent>? events, bool warm)
    {
        Now = now;
        NowTicks = now.UtcTicks;
        Events = events;
        Warm = warm;
    }

    public bool IsLate(long measuredTicks) => NowTicks - measuredTicks > Timings.LateTicks;
}
