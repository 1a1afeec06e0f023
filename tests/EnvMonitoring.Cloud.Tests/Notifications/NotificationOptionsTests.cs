using EnvMonitoring.Rules.Alerts;
using Microsoft.Extensions.Options;
using static EnvMonitoring.Cloud.Tests.Notifications.WebhookSettings;

namespace EnvMonitoring.Cloud.Tests.Notifications;

/// <summary>The <c>Notifications</c> section is checked at start-up, with messages that name the key.</summary>
public sealed class NotificationOptionsTests
{
    [Fact]
    public async Task Start_up_fails_for_a_webhook_without_a_secret_and_says_where_to_put_it()
    {
        var settings = Webhook(0, "ops", new Uri("https://hooks.example.vn/envmon"), secret: "");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => NotifierHost.StartAsync(settings));

        Assert.Contains("Notifications:Webhooks:0 (ops):Secret is missing; set it with an environment variable (Notifications__Webhooks__0__Secret) or user secrets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_fails_listing_every_problem_of_the_section()
    {
        KeyValuePair<string, string?>[] settings =
        [
            .. Webhook(0, "ops", new Uri("ftp://hooks.example.vn/"), parks: ["bad park"], secret: "short"),
            .. Webhook(1, "ops", new Uri("https://b.example.vn/")),
            new("Notifications:Email:0:To:0", "not an address"),
            new("Notifications:Smtp:Host", ""),
            new("Notifications:Smtp:From", "alerts@envmon.example.vn"),
            new("Notifications:Smtp:User", "envmon"),
            new("Notifications:RetryFor", "-00:00:01"),
        ];

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => NotifierHost.StartAsync(settings));

        Assert.Contains("Notifications:Webhooks:0 (ops):Url must be an absolute http:// or https:// address.", error.Failures);
        Assert.Contains("Notifications:Webhooks:0 (ops):Secret is too short (5 characters; at least 16, e.g. from `openssl rand -hex 32`).", error.Failures);
        Assert.Contains("Notifications:Webhooks:0 (ops):Parks:0 'bad park' is not a park identifier.", error.Failures);
        Assert.Contains("Notifications:Webhooks:1 (ops): the name 'ops' is used by another receiver.", error.Failures);
        Assert.Contains("Notifications:Email:0:To:0 'not an address' is not an e-mail address.", error.Failures);
        Assert.Contains("Notifications:Smtp:Host is missing.", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("Notifications:Smtp:Password is missing for user 'envmon'", StringComparison.Ordinal));
        Assert.Contains("Notifications:RetryFor must not be negative (0 means a single attempt); it is -00:00:01.", error.Failures);
        Assert.Equal(8, error.Failures.Count());
    }

    [Fact]
    public async Task A_section_without_receivers_starts_and_notices_go_nowhere()
    {
        await using var host = await NotifierHost.StartAsync([]);

        host.Notifier.Notify(Notices.Cod("NoReceiverPark", "NR-01", AlertEventKind.Opened, Severity.From10, 11, 1));

        Assert.Empty(host.Notifier.Receivers);
        Assert.Equal(0, host.Notifier.Pending);
    }
}
