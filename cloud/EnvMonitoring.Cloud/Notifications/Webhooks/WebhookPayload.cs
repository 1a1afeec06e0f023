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

    public static WebhookPayload From(Delivery delivery, DateTimeOffset sentAt)
    {
        var notice = delivery.Notice;
        var e = notice.Event;
        return new WebhookPayload(
            CurrentVersion,
            delivery.Id,
            NoticeFacts.Local(sentAt),
            WireNames.Of(e.Kind),
            e.AlertId.Value,
            e.Sequence,
            notice.Park,
            notice.Station,
            notice.StationName,
            e.Cause.Parameter,
            NoticeFacts.Unit(notice),
            WireNames.Of(e.Cause.Rule),
            WireNames.Of(e.Severity),
            WireNames.Of(delivery.Peak),
            Finite(e.Multiple),
            Finite(e.Value),
            Finite(e.LimitMin),
            Finite(e.LimitMax),
            NoticeFacts.Local(e.MeasuredAt),
            NoticeFacts.Local(e.OpenedAt),
            e.Late,
            e.User,
            e.Note,
            NoticeFacts.Link(notice));
    }

    // JSON has no Infinity: a multiple against a zero reading is reported as unknown, not as a broken body.
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
