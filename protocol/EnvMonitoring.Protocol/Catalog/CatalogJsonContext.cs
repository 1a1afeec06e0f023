using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnvMonitoring.Protocol.Catalog;

/// <summary>Reads the parameter catalog file (<c>parameters.json</c>), comments and trailing commas allowed.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(CatalogFile))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
