using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Protocol.Codec;

namespace EnvMonitoring.Cloud.Notifications.Webhooks;

/// <summary>
/// The JSON a webhook receives for one alert event (schema in docs/rules.md, "Webhook payload").
/// Every field is always present (null when it does not apply), times are RFC 3339 in the
/// province's offset (+07:00), and <see cref="DeliveryId"/> stays the same across retries.
/// </summary>
internal sealed record WebhookPayload(
    int Version,
    string DeliveryId,
    DateTimeOffset SentAt,
    string Event,
    string AlertId,
    long Sequence,
    string Park,
    string Station,
    string? StationName,
    string? Parameter,
    string? Unit,
    string Rule,
    string Severity,
    string Peak,
    double? Multiple,
    double? Value,
    double? LimitMin,
    double? LimitMax,
    DateTimeOffset MeasuredAt,
    DateTimeOffset OpenedAt,
    bool Late,
    string? User,
    string? Note,
    Uri? Link)
{
    public const int CurrentVersion = 1;

    /// <summary>The bound the value breaks (within the limit: the nearest), <c>lower</c> or <c>upper</c>; null when none.</summary>
    public string? Bound { get; init; }

    /// <summary>That bound's value: pH 4.5 under 6–9 breaks 6.</summary>
    public double? Limit { get; init; }

    /// <summary>A range limit's band of the value (Decree 45/2022's pH bands); null otherwise.</summary>
    public int? Band { get; init; }

    /// <summary>The park's display name with diacritics, beside its id in <c>park</c>.</summary>
    public string? ParkName { get; init; }

    /// <summary>The facility that discharges at the station, as its permit names it; null when the registry has none.</summary>
    public string? Facility { get; init; }

    public static WebhookPayload From(Delivery delivery, DateTimeOffset sentAt)
    {
        var notice = delivery.Notice;
        var e = AlertEventView.Of(notice.Event);
        return new WebhookPayload(
            CurrentVersion, delivery.Id, NoticeFacts.Local(sentAt), e.Event, e.AlertId, e.Sequence, notice.Park, notice.Station, notice.StationName,
            e.Parameter, NoticeFacts.Unit(notice), e.Rule, e.Severity, WireName.Of(delivery.Peak), e.Multiple, e.Value, e.LimitMin, e.LimitMax,
            e.MeasuredAt, e.OpenedAt, e.Late, e.User, e.Note, NoticeFacts.Link(notice))
        {
            Bound = e.Bound,
            Limit = e.Limit,
            Band = e.Band,
            ParkName = notice.ParkName ?? notice.Park,
            Facility = notice.Facility,
        };
    }
}
