using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnvMonitoring.Cloud.Relay;

/// <summary>
/// Where a destination's staging stands (<c>cursor.json</c>): the next interval to stage and the
/// outbox number its first file takes. Rewritten whole after an interval's files are staged.
/// </summary>
internal sealed record RelayCursor(DateTimeOffset Next, long NextSeq)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, RelayCursorJson.Default.RelayCursor);

    public static RelayCursor? FromJson(byte[] json) => JsonSerializer.Deserialize(json, RelayCursorJson.Default.RelayCursor);
}

[JsonSerializable(typeof(RelayCursor))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class RelayCursorJson : JsonSerializerContext;
