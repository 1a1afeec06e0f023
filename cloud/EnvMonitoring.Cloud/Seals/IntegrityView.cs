using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>A station-day's integrity as <c>GET /api/integrity</c> and <c>verify-seals --json</c> write it.</summary>
public sealed record IntegrityView(
    string Day, string Verdict, IReadOnlyList<string> Seals, int SealedSamples, int SealedEvents, int AwaitingSeal, IReadOnlyList<FindingView> Findings)
{
    public static IntegrityView Of(DayIntegrity day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return new IntegrityView(
            ProvinceTime.DayText(day.Day),
            WireName.Of(day.Verdict),
            day.Seals,
            day.SealedSamples,
            day.SealedEvents,
            day.AwaitingSeal,
            [.. day.Findings.Select(f => new FindingView(WireName.Of(f.Kind), f.Time is { } t ? SealCheck.Time(t) : null, f.Parameter, f.Seq, f.Detail))]);
    }
}

/// <summary>One finding: kind (altered, deleted, inserted, seal), local time, parameter or event sequence, and what was found.</summary>
public sealed record FindingView(string Kind, string? Time, string? Parameter, long? Seq, string Detail);
