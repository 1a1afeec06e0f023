using System.Text.Json.Serialization;

namespace EnvMonitoring.Cloud.Quarantine;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(QuarantineEntry))]
internal sealed partial class QuarantineJsonContext : JsonSerializerContext;
