using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// The seal document's JSON, generated at build time: the web defaults (camelCase names, in the
/// record's order) with every property written, byte for byte what the reflection-based serializer
/// wrote for the first seals. Generated rather than reflected so a host's first seal costs no
/// serializer set-up and no emitted code.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SealDocument))]
internal sealed partial class SealJsonContext : JsonSerializerContext;
