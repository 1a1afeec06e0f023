using System.Text.Json;
using System.Text.Json.Serialization;
using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Protocol;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(CatalogFile))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
