using System.Globalization;

namespace EnvMonitoring.Cloud.Tests.Notifications;

/// <summary>The <c>Notifications:Webhooks:N</c> keys of one webhook, as they would come from configuration.</summary>
internal static class WebhookSettings
{
    public const string Secret = "test-secret-0123456789abcdef";

    public static IEnumerable<KeyValuePair<string, string?>> Webhook(
        int index, string name, Uri url, string? minSeverity = null, string[]? parks = null, string[]? kinds = null, string secret = Secret)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"Notifications:Webhooks:{index}");
        yield return new($"{key}:Name", name);
        yield return new($"{key}:Url", url.AbsoluteUri);
        yield return new($"{key}:Secret", secret);
        if (minSeverity is not null)
        {
            yield return new($"{key}:MinSeverity", minSeverity);
        }

        for (var i = 0; i < (parks?.Length ?? 0); i++)
        {
            yield return new(string.Create(CultureInfo.InvariantCulture, $"{key}:Parks:{i}"), parks![i]);
        }

        for (var i = 0; i < (kinds?.Length ?? 0); i++)
        {
            yield return new(string.Create(CultureInfo.InvariantCulture, $"{key}:Kinds:{i}"), kinds![i]);
        }
    }

    public static KeyValuePair<string, string?> Setting(string key, string value) => new($"Notifications:{key}", value);
}
