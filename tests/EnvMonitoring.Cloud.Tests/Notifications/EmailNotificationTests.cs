using System.Globalization;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Testing;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace EnvMonitoring.Cloud.Tests.Notifications;

/// <summary>Alert e-mail through a real SMTP server process (<see cref="SmtpSink"/>) with MailKit.</summary>
public sealed class EmailNotificationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Exceedance_mail_has_a_bilingual_subject_and_plain_and_html_bodies_in_local_time()
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions { User = "envmon", Password = "smtp-test-password" });
        await using var host = await NotifierHost.StartAsync(Settings(smtp, ["Trực ban <truc-ban@stnmt.example.vn>", "lab@example.vn"], user: "envmon", password: "smtp-test-password"));
        var notice = Notices.Cod("MailPark", "YB-WWTP-01", AlertEventKind.Opened, Severity.From1Point5, 1.62, 3) with { DashboardUrl = new Uri("https://envmon.example.vn/") };

        host.Notifier.Notify(notice);
        var raw = Assert.Single(await smtp.WaitForMessagesAsync(1, Timeout));

        using var message = MimeMessage.Load(new MemoryStream(raw));
        Assert.Equal("[EnvMonitoring] VƯỢT NGƯỠNG ×1.6 COD — YB-WWTP-01 / Exceedance ×1.6 COD — YB-WWTP-01", message.Subject);
        Assert.Equal("alerts@envmon.example.vn", ((MailboxAddress)message.From.Single()).Address);
        Assert.Equal(["truc-ban@stnmt.example.vn", "lab@example.vn"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("Trực ban", message.To.Mailboxes.First().Name);
        Assert.Equal("YB-WWTP-01/COD/Instantaneous/3", message.Headers["X-EnvMonitoring-Alert"]);
        Assert.Equal($"{message.Headers["X-EnvMonitoring-Delivery"]}@envmonitoring.invalid", message.MessageId);

        var text = message.TextBody;
        Assert.Contains("Trạm / Station: Nhà máy XLNT tập trung Yên Bình (YB-WWTP-01)", text, StringComparison.Ordinal);
        Assert.Contains("Thông số / Parameter: COD (mg/L)", text, StringComparison.Ordinal);
        Assert.Contains("Mức độ / Severity: Vượt từ 1,5 đến dưới 2 lần / 1.5× to below 2×", text, StringComparison.Ordinal);
        Assert.Contains("Giá trị / Value: 218.7 mg/L (×1.62)", text, StringComparison.Ordinal);
        Assert.Contains("Ngưỡng / Limit: ≤ 135 mg/L", text, StringComparison.Ordinal);
        // 11:05 UTC is 18:05 in Thai Nguyen.
        Assert.Contains("Thời điểm đo / Measured at: 30/11/2026 18:05:00 (UTC+7)", text, StringComparison.Ordinal);
        Assert.Contains("https://envmon.example.vn/#/alerts/YB-WWTP-01%2FCOD%2FInstantaneous%2F3", text, StringComparison.Ordinal);

        var html = message.HtmlBody;
        Assert.Contains("<h2", html, StringComparison.Ordinal);
        Assert.Contains("Nhà máy XLNT tập trung Yên Bình (YB-WWTP-01)", html, StringComparison.Ordinal);
        Assert.Contains("30/11/2026 18:05:00 (UTC+7)", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://envmon.example.vn/#/alerts/YB-WWTP-01%2FCOD%2FInstantaneous%2F3\"", html, StringComparison.Ordinal);

        var envelope = Assert.Single(smtp.Envelopes);
        Assert.Contains("login: envmon", envelope, StringComparison.Ordinal);
        Assert.Equal(1, host.Receiver("duty").Sent);
    }

    [Fact]
    public async Task Busy_smtp_server_gets_the_message_exactly_once_after_retries()
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions { FailFirst = 2, FailCode = 451 });
        await using var host = await NotifierHost.StartAsync(Settings(smtp, ["duty@example.vn"]));
        host.Log.ExpectEvent("Retrying", "the SMTP server answers 451 twice");
        var queue = host.Receiver("duty");

        host.Notifier.Notify(Notices.Cod("MailBusyPark", "MAIL-BUSY-01", AlertEventKind.Opened, Severity.From3, 3.2, 1));
        await Eventually.UntilAsync(() => queue.Sent == 1 && queue.Pending == 0, Timeout, "the message went through");

        Assert.Single(smtp.Messages);
        Assert.Equal(3, smtp.Attempts);
        Assert.Equal((1, 0, 2), (queue.Sent, queue.Failed, queue.Retried));
        Assert.Equal(2, host.Log.AtLeast(LogLevel.Warning).Count(e => e.Message.Contains("SMTP 451", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Refused_message_is_not_retried()
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions { RejectCode = 550 });
        await using var host = await NotifierHost.StartAsync(Settings(smtp, ["duty@example.vn"]));
        host.Log.ExpectEvent("Refused", "the SMTP server answers 550");
        var queue = host.Receiver("duty");

        host.Notifier.Notify(Notices.Cod("MailRefusedPark", "MAIL-REF-01", AlertEventKind.Opened, Severity.From3, 3.2, 1));
        await Eventually.UntilAsync(() => queue.Failed == 1 && queue.Pending == 0, Timeout, "the refusal was recorded");

        Assert.Empty(smtp.Messages);
        Assert.Equal(1, smtp.Attempts);
        Assert.Equal(0, queue.Retried);
        Assert.Contains("SMTP 550", Assert.Single(host.Log.AtLeast(LogLevel.Error)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routes_mail_by_park_and_severity()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var host = await NotifierHost.StartAsync(
            Settings(smtp, ["north@example.vn"], parks: ["MailNorth"]).Append(new("Notifications:Email:0:MinSeverity", "From2")));
        var queue = host.Receiver("duty");

        host.Notifier.Notify(Notices.Cod("MailSouth", "MAIL-S-01", AlertEventKind.Opened, Severity.From5, 5.5, 1));
        host.Notifier.Notify(Notices.Cod("MailNorth", "MAIL-N-01", AlertEventKind.Opened, Severity.From1Point1, 1.3, 2));
        host.Notifier.Notify(Notices.Cod("MailNorth", "MAIL-N-02", AlertEventKind.Opened, Severity.From2, 2.5, 3));
        await Eventually.UntilAsync(() => queue.Sent == 1 && queue.Pending == 0, Timeout, "the one matching message went out");

        using var message = MimeMessage.Load(new MemoryStream(Assert.Single(smtp.Messages)));
        Assert.Equal("[EnvMonitoring] VƯỢT NGƯỠNG ×2.5 COD — MAIL-N-02 / Exceedance ×2.5 COD — MAIL-N-02", message.Subject);
    }

    private static IEnumerable<KeyValuePair<string, string?>> Settings(
        SmtpSink smtp, string[] to, string? user = null, string? password = null, string[]? parks = null)
    {
        yield return new("Notifications:Smtp:Host", smtp.Host);
        yield return new("Notifications:Smtp:Port", smtp.Port.ToString(CultureInfo.InvariantCulture));
        yield return new("Notifications:Smtp:Security", "None");
        yield return new("Notifications:Smtp:From", "EnvMonitoring <alerts@envmon.example.vn>");
        if (user is not null)
        {
            yield return new("Notifications:Smtp:User", user);
            yield return new("Notifications:Smtp:Password", password);
        }

        yield return new("Notifications:Email:0:Name", "duty");
        for (var i = 0; i < to.Length; i++)
        {
            yield return new($"Notifications:Email:0:To:{i}", to[i]);
        }

        for (var i = 0; i < (parks?.Length ?? 0); i++)
        {
            yield return new($"Notifications:Email:0:Parks:{i}", parks![i]);
        }
    }
}
