using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// The report's own SHA-256, printed in the document and sent as <see cref="Header"/>: the hash of
/// its canonical data — the JSON that <c>format=json</c> returns, without <c>generatedAt</c> and
/// <c>generatedBy</c>, written without indentation (UTF-8). The same data gives the same value
/// whoever prints it and when; any changed figure changes it.
/// </summary>
internal static class ReportDigest
{
    public const string Header = "X-Report-Sha256";

    private static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web);

    public static string Of(ComplianceReport report)
    {
        var node = JsonSerializer.SerializeToNode(report, ReportJson.Options)!.AsObject();
        return OfJson(node);
    }

    /// <summary>The digest of a report's JSON object as <c>format=json</c> returns it (what a verifier recomputes).</summary>
    public static string OfJson(JsonObject report)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Remove("generatedAt");
        report.Remove("generatedBy");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(report.ToJsonString(Compact))));
    }
}
