using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Annotations;

/// <summary>
/// An annotation as the API, the dashboard, reports and exports show it: reason and state as wire
/// names (<see cref="AnnotationReason"/>, <see cref="AnnotationState"/>), times in local time (+07:00).
/// </summary>
public sealed record AnnotationView(
    string Id,
    string Park,
    string Station,
    string Parameter,
    DateTimeOffset From,
    DateTimeOffset To,
    string Reason,
    double? Value,
    string Note,
    string State,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionNote)
{
    public static AnnotationView Of(Annotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        return new AnnotationView(
            annotation.Id, annotation.Park, annotation.Station, annotation.Parameter,
            ProvinceTime.ToLocal(annotation.From), ProvinceTime.ToLocal(annotation.To),
            WireName.Of(annotation.Reason), annotation.Value, annotation.Note, WireName.Of(annotation.State),
            annotation.ProposedBy, ProvinceTime.ToLocal(annotation.ProposedAt),
            annotation.DecidedBy, annotation.DecidedAt is { } at ? ProvinceTime.ToLocal(at) : null, annotation.DecisionNote);
    }
}
