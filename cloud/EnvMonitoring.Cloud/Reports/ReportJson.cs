using System.Text.Json;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>How reports are serialized: camelCase, indented (they are read by people and kept as evidence).</summary>
internal static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
