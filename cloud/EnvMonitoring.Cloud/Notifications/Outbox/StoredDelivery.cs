using System.Text.Json;
using System.Text.Json.Serialization;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Notifications.Outbox;

/// <summary>
/// A <see cref="Delivery"/> as its receiver's outbox keeps it on disk (JSON): the notice, the peak and when it was queued.
/// The park's name and the facility came later: a file written before reads them as null.
/// </summary>
internal sealed record StoredDelivery(
    string Park,
    string Station,
    string? StationName,
    string? Unit,
    Uri? DashboardUrl,
    Severity Peak,
    DateTimeOffset QueuedAt,
    AlertEvent Event,
    string? ParkName = null,
    string? Facility = null)
{
    /// <summary>Enums by name, as the alert store writes events, so a file reads the same after the enum grows.</summary>
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static byte[] Serialize(Delivery delivery)
    {
        var notice = delivery.Notice;
        return JsonSerializer.SerializeToUtf8Bytes(
            new StoredDelivery(notice.Park, notice.Station, notice.StationName, notice.Unit, notice.DashboardUrl, delivery.Peak, delivery.QueuedAt, notice.Event, notice.ParkName, notice.Facility), Json);
    }

    /// <summary>The delivery to <paramref name="receiver"/> the JSON describes; the same delivery id as when it was queued.</summary>
    /// <exception cref="JsonException">The JSON is not a stored delivery.</exception>
    public static Delivery Deserialize(ReadOnlySpan<byte> json, string receiver)
    {
        var stored = JsonSerializer.Deserialize<StoredDelivery>(json, Json) ?? throw new JsonException("null delivery");
        var notice = new AlertNotice(stored.Park, stored.Station, stored.Event, stored.StationName, stored.Unit, stored.DashboardUrl) { Peak = stored.Peak, ParkName = stored.ParkName, Facility = stored.Facility };
        return new Delivery(receiver, notice, stored.Peak, stored.QueuedAt);
    }
}
