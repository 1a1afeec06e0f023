using System.Text.Json;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Codec;

/// <summary>Reads a gateway batch object: <c>{"gateway":…,"batch":N,"samples":[…]}</c>.</summary>
internal static class BatchReader
{
    public static GatewayBatch? Read(ref Utf8JsonReader reader, SampleCodec codec, string? expectedGateway, RejectionSink sink)
    {
        string? gateway = null;
        var gatewaySeen = false;
        long? number = null;
        var numberSeen = false;
        var samplesSeen = false;
        var duplicate = false;
        var tooMany = false;
        var samples = new List<Sample>();
        var index = 0;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isGateway = reader.ValueTextEquals("gateway"u8);
            var isNumber = !isGateway && reader.ValueTextEquals("batch"u8);
            var isSamples = !isGateway && !isNumber && reader.ValueTextEquals("samples"u8);
            reader.Read();
            if ((isGateway && gatewaySeen) || (isNumber && numberSeen) || (isSamples && samplesSeen))
            {
                duplicate = true;
                reader.Skip();
                continue;
            }

            if (isGateway)
            {
                gatewaySeen = true;
                gateway = SampleCodec.IsIdentifierToken(ref reader) ? reader.GetString() : null;
                reader.Skip();
            }
            else if (isNumber)
            {
                numberSeen = true;
                number = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) && n >= 0 ? n : null;
                reader.Skip();
            }
            else if (isSamples)
            {
                samplesSeen = true;
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    sink.Add(RejectionReason.WrongType, "$.samples", $"samples must be an array, not {SampleReader.Describe(reader.TokenType)}.");
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var path = new SamplePath(index);
                    index++;
                    if (index > codec.Limits.MaxBatchSamples)
                    {
                        tooMany = true;
                        reader.Skip();
                        continue;
                    }

                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        sink.Add(RejectionReason.WrongType, path.At(""), $"a sample must be an object, not {SampleReader.Describe(reader.TokenType)}.");
                        reader.Skip();
                        continue;
                    }

                    if (SampleReader.Read(ref reader, codec.Catalog, expectedStation: null, path, sink) is { } sample)
                    {
                        samples.Add(sample);
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        if (duplicate)
        {
            return Refuse(sink, RejectionReason.DuplicateKey, "$", "a field of the batch appears twice; which one was meant is unknowable.");
        }

        if (tooMany)
        {
            return Refuse(sink, RejectionReason.TooManySamples, "$.samples", $"the batch holds {index} samples; at most {codec.Limits.MaxBatchSamples} are allowed.");
        }

        if (gateway is null)
        {
            return Refuse(sink, gatewaySeen ? RejectionReason.InvalidIdentifier : RejectionReason.MissingField, "$.gateway",
                "gateway must be a valid gateway identifier.");
        }

        if (expectedGateway is not null && !string.Equals(gateway, expectedGateway, StringComparison.Ordinal))
        {
            return Refuse(sink, RejectionReason.GatewayMismatch, "$.gateway", $"gateway '{gateway}' does not match the topic's gateway '{expectedGateway}'.");
        }

        if (number is null)
        {
            return Refuse(sink, numberSeen ? RejectionReason.InvalidSequence : RejectionReason.MissingField, "$.batch",
                "batch must be a non-negative integer.");
        }

        if (!samplesSeen)
        {
            return Refuse(sink, RejectionReason.MissingField, "$.samples", "samples is required.");
        }

        return new GatewayBatch(gateway, number.Value, samples);
    }

    private static GatewayBatch? Refuse(RejectionSink sink, RejectionReason reason, string path, string detail)
    {
        sink.Add(reason, path, detail);
        return null;
    }
}
