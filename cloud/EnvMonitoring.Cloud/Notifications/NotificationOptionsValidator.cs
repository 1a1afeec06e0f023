using System.Globalization;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Rules.Alerts;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>
/// Checks the whole <c>Notifications</c> section at start-up, naming each problem by its
/// configuration key, so a mistyped address or a missing secret stops the host instead of
/// silently losing alerts later.
/// </summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    private const string SecretHint = "set it with an environment variable ({0}) or user secrets, never in a file of the repository";

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        CheckTimings(options, problems);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            CheckWebhook(options.Webhooks[i], $"{NotificationOptions.Section}:Webhooks:{i}", names, problems);
        }

        for (var i = 0; i < options.Email.Count; i++)
        {
            CheckEmail(options.Email[i], i, names, problems);
        }

        if (options.Email.Count > 0 || options.Smtp is not null)
        {
            CheckSmtp(options.Smtp, options.Email.Count, problems);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckTimings(NotificationOptions o, List<string> problems)
    {
        const string S = NotificationOptions.Section;
        Positive(o.FirstRetryDelay, $"{S}:FirstRetryDelay", problems);
        Positive(o.AttemptTimeout, $"{S}:AttemptTimeout", problems);
        Positive(o.DrainTimeout, $"{S}:DrainTimeout", problems);
        if (o.MaxRetryDelay < o.FirstRetryDelay)
        {
            problems.Add($"{S}:MaxRetryDelay ({o.MaxRetryDelay}) must not be shorter than FirstRetryDelay ({o.FirstRetryDelay}).");
        }

        if (o.DashboardUrl is { } dashboard && (!dashboard.IsAbsoluteUri || (dashboard.Scheme != Uri.UriSchemeHttps && dashboard.Scheme != Uri.UriSchemeHttp)))
        {
            problems.Add($"{S}:DashboardUrl must be an absolute http:// or https:// address.");
        }

        if (o.RetryFor < TimeSpan.Zero)
        {
            problems.Add($"{S}:RetryFor must not be negative (0 means a single attempt); it is {o.RetryFor}.");
        }

        if (o.QueueCapacity is < 1 or > 1_000_000)
        {
            problems.Add($"{S}:QueueCapacity must be 1–1,000,000 deliveries per receiver; it is {o.QueueCapacity}.");
        }

        if (string.IsNullOrWhiteSpace(o.OutboxDirectory))
        {
            problems.Add($"{S}:OutboxDirectory is empty: the receivers' outboxes need a folder (default data/outbox).");
        }

        if (o.LanesPerReceiver is < 1 or > 64)
        {
            problems.Add($"{S}:LanesPerReceiver must be 1–64; it is {o.LanesPerReceiver}.");
        }
    }

    private static void CheckWebhook(WebhookOptions? w, string key, HashSet<string> names, List<string> problems)
    {
        if (w is null)
        {
            problems.Add($"{key} is empty.");
            return;
        }

        var label = string.IsNullOrWhiteSpace(w.Name) ? key : $"{key} ({w.Name})";
        if (string.IsNullOrWhiteSpace(w.Name))
        {
            problems.Add($"{key}:Name is missing: every webhook needs a name for logs and metrics.");
        }
        else if (!names.Add(w.Name))
        {
            problems.Add($"{label}: the name '{w.Name}' is used by another receiver.");
        }

        if (w.Url is null || !w.Url.IsAbsoluteUri || (w.Url.Scheme != Uri.UriSchemeHttps && w.Url.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{label}:Url must be an absolute http:// or https:// address.");
        }

        if (string.IsNullOrEmpty(w.Secret))
        {
            problems.Add($"{label}:Secret is missing; " + string.Format(CultureInfo.InvariantCulture, SecretHint, $"{key.Replace(":", "__", StringComparison.Ordinal)}__Secret"));
        }
        else if (w.Secret.Length < 16)
        {
            problems.Add($"{label}:Secret is too short ({w.Secret.Length} characters; at least 16, e.g. from `openssl rand -hex 32`).");
        }

        CheckFilter(w, label, problems);
    }

    private static void CheckEmail(EmailRouteOptions? e, int index, HashSet<string> names, List<string> problems)
    {
        var key = $"{NotificationOptions.Section}:Email:{index}";
        if (e is null)
        {
            problems.Add($"{key} is empty.");
            return;
        }

        var label = string.IsNullOrWhiteSpace(e.Name) ? key : $"{key} ({e.Name})";
        if (!names.Add(NotificationRoute.EmailName(e, index)))
        {
            problems.Add($"{label}: the name '{NotificationRoute.EmailName(e, index)}' is used by another receiver.");
        }

        if (e.To.Count == 0)
        {
            problems.Add($"{label}:To needs at least one address.");
        }

        for (var i = 0; i < e.To.Count; i++)
        {
            if (!MailboxAddress.TryParse(e.To[i], out _))
            {
                problems.Add($"{label}:To:{i} '{e.To[i]}' is not an e-mail address.");
            }
        }

        CheckFilter(e, label, problems);
    }

    private static void CheckSmtp(SmtpOptions? smtp, int routes, List<string> problems)
    {
        const string Key = $"{NotificationOptions.Section}:Smtp";
        if (smtp is null)
        {
            problems.Add($"{Key} is missing: {routes} e-mail route(s) need an SMTP server (Host, Port, Security, From).");
            return;
        }

        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            problems.Add($"{Key}:Host is missing.");
        }

        if (smtp.Port is < 1 or > 65535)
        {
            problems.Add($"{Key}:Port must be 1–65535; it is {smtp.Port}.");
        }

        if (!Enum.IsDefined(smtp.Security))
        {
            problems.Add($"{Key}:Security must be None, StartTls or SslOnConnect.");
        }

        if (!MailboxAddress.TryParse(smtp.From, out _))
        {
            problems.Add($"{Key}:From '{smtp.From}' is not an e-mail address.");
        }

        if (!string.IsNullOrEmpty(smtp.User) && string.IsNullOrEmpty(smtp.Password))
        {
            problems.Add($"{Key}:Password is missing for user '{smtp.User}'; " + string.Format(CultureInfo.InvariantCulture, SecretHint, "Notifications__Smtp__Password"));
        }
    }

    private static void CheckFilter(NotificationFilterOptions f, string label, List<string> problems)
    {
        if (!Enum.IsDefined(f.MinSeverity) || f.MinSeverity == Severity.None)
        {
            problems.Add($"{label}:MinSeverity must be one of {string.Join(", ", Enum.GetNames<Severity>().Skip(1))}.");
        }

        for (var i = 0; i < f.Parks.Count; i++)
        {
            if (!Identifier.IsValid(f.Parks[i]))
            {
                problems.Add($"{label}:Parks:{i} '{f.Parks[i]}' is not a park identifier.");
            }
        }

        foreach (var kind in f.Kinds.Where(k => !Enum.IsDefined(k)))
        {
            problems.Add($"{label}:Kinds holds an unknown kind {kind}; known: {string.Join(", ", Enum.GetNames<AlertEventKind>())}.");
        }
    }

    private static void Positive(TimeSpan value, string key, List<string> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{key} must be positive; it is {value}.");
        }
    }
}
