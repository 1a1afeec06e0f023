using System.Text.Json;
using EnvMonitoring.Cloud.Notifications;
using EnvMonitoring.Cloud.Notifications.Email;
using EnvMonitoring.Cloud.Notifications.Outbox;
using EnvMonitoring.Cloud.Notifications.Webhooks;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Tests.Notifications;

/// <summary>E-mail and webhooks name the park and the facility as people read them, beside the ids.</summary>
public sealed class NoticeNamesTests
{
    private const string ParkName = "Khu công nghiệp Yên Bình";
    private const string Facility = "Công ty TNHH Dệt may Phổ Yên";

    private static AlertNotice Named() =>
        Notices.Cod("YenBinh", "YB-TEXTILE-01", AlertEventKind.Opened, Severity.From1Point5, 1.62, 5) with { ParkName = ParkName, Facility = Facility };

    [Fact]
    public void The_mail_subject_ends_with_the_facility_and_the_park_once_and_the_body_names_both_beside_the_ids()
    {
        var text = AlertMailText.For(new Delivery("duty", Named(), Severity.From1Point5, DateTimeOffset.UnixEpoch));

        Assert.Equal(
            $"[EnvMonitoring] VƯỢT NGƯỠNG ×1.6 COD — YB-TEXTILE-01 / Exceedance ×1.6 COD — YB-TEXTILE-01 · {Facility}, {ParkName}", text.Subject);
        var plain = text.ToPlainText();
        Assert.Contains($"Cơ sở xả thải / Facility: {Facility}\n", plain, StringComparison.Ordinal);
        Assert.Contains($"Khu công nghiệp / Industrial park: {ParkName} (YenBinh)\n", plain, StringComparison.Ordinal);
        Assert.Contains(Facility, text.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_webhook_payload_carries_the_park_name_and_the_facility_beside_the_ids()
    {
        var payload = WebhookPayload.From(new Delivery("hook", Named(), Severity.From1Point5, DateTimeOffset.UnixEpoch), DateTimeOffset.UnixEpoch);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(payload, WebhookJsonContext.Default.WebhookPayload));
        Assert.Equal("YenBinh", json.RootElement.GetProperty("park").GetString());
        Assert.Equal(ParkName, json.RootElement.GetProperty("parkName").GetString());
        Assert.Equal(Facility, json.RootElement.GetProperty("facility").GetString());

        // Without names in the registry: the park's id, and a facility that is null but present.
        var bare = WebhookPayload.From(new Delivery("hook", Named() with { ParkName = null, Facility = null }, Severity.From1Point5, DateTimeOffset.UnixEpoch), DateTimeOffset.UnixEpoch);
        using var bareJson = JsonDocument.Parse(JsonSerializer.Serialize(bare, WebhookJsonContext.Default.WebhookPayload));
        Assert.Equal("YenBinh", bareJson.RootElement.GetProperty("parkName").GetString());
        Assert.Equal(JsonValueKind.Null, bareJson.RootElement.GetProperty("facility").ValueKind);
    }

    [Fact]
    public void A_queued_delivery_keeps_the_names_across_a_restart()
    {
        var stored = StoredDelivery.Serialize(new Delivery("duty", Named(), Severity.From1Point5, DateTimeOffset.UnixEpoch));

        var notice = StoredDelivery.Deserialize(stored, "duty").Notice;

        Assert.Equal((ParkName, Facility), (notice.ParkName, notice.Facility));
    }
}
