using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnvMonitoring.Rules.Regulations;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RegulationFile))]
[JsonSerializable(typeof(SeverityScaleFile))]
internal sealed partial class RegulationJsonContext : JsonSerializerContext;
