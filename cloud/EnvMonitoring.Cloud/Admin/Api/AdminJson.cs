using System.Text.Json;
using System.Text.Json.Serialization;


namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// The admin API's JSON: camelCase, enums as their camelCase wire names, never numbers. The store's
/// JSON is <see cref="ConfigDocuments"/>'.
/// </summary>
internal static class AdminJson
{
    /// <summary>Bodies and answers of <c>/api/admin</c>.</summary>
    public static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };
}
