using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>Severity as the API spells it (docs/live.md): <c>none</c>, <c>approaching</c>, <c>warning</c>, <c>from1point1</c> … <c>from10</c>.</summary>
internal static class SeverityName
{
    public static string Of(Severity severity) => severity.ToString().ToLowerInvariant();
}
