using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Notifications;

/// <summary>
/// The strings enums take outside the host, as docs/live.md spells them: severities in lower case
/// (<c>from1point5</c>), rules and event kinds in camelCase (<c>hourlyMean</c>, <c>deEscalated</c>).
/// </summary>
internal static class WireNames
{
    public static string Of(Severity severity) => severity.ToString().ToLowerInvariant();

    public static string Of(RuleKind rule) => Camel(rule.ToString());

    public static string Of(AlertEventKind kind) => Camel(kind.ToString());

    private static string Camel(string name) => string.Concat(name[..1].ToLowerInvariant(), name.AsSpan(1));
}
