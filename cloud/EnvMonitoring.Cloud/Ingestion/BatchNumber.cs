using System.Buffers;
using System.Text.Json;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// Finds the top-level <c>"batch"</c> number of a gateway batch the codec refused whole (bad
/// header, too many samples, too large), so the refusal can still be acknowledged: the batch is in
/// quarantine, and a gateway that never heard back would send it again forever.
/// </summary>
internal static class BatchNumber
{
    public static long? Find(ReadOnlySequence<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isBatch = reader.ValueTextEquals("batch"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isBatch)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number) && number >= 0 ? number : null;
                }

                if (!reader.TrySkip())
                {
                    return null; // truncated: the rest is not in the payload
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON up to the number: nothing to acknowledge.
        }

        return null;
    }
}
