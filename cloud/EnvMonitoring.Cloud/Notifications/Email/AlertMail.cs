using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace EnvMonitoring.Cloud.Notifications.Email;

/// <summary>
/// The MIME message of one alert e-mail: plain text and HTML alternatives, a Message-ID fixed by
/// the delivery (a retried send is recognisably the same message) and a thread per alert
/// (<c>References</c>), so a mail client groups an alert's opening, escalations and end.
/// </summary>
internal static class AlertMail
{
    public const string AlertHeader = "X-EnvMonitoring-Alert";
    public const string DeliveryHeader = "X-EnvMonitoring-Delivery";
    private const string Domain = "envmonitoring.invalid";

    public static MimeMessage Build(Delivery delivery, MailboxAddress from, IEnumerable<InternetAddress> to)
    {
        var text = AlertMailText.For(delivery);
        var message = new MimeMessage
        {
            Subject = text.Subject,
            MessageId = $"{delivery.Id}@{Domain}",
            Body = new BodyBuilder { TextBody = text.ToPlainText(), HtmlBody = text.ToHtml() }.ToMessageBody(),
        };
        message.From.Add(from);
        message.To.AddRange(to);
        message.References.Add(ThreadId(delivery.Notice.Event.AlertId.Value));
        message.Headers.Add(AlertHeader, delivery.Notice.Event.AlertId.Value);
        message.Headers.Add(DeliveryHeader, delivery.Id);
        return message;
    }

    private static string ThreadId(string alertId) =>
        $"alert-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(alertId))[..16])}@{Domain}";
}
