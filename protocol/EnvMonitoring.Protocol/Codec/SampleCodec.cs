using System.Buffers;
using System.Text.Json;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Codec;

/// <summary>
/// The JSON codec of wire contract v1 (docs/contract.md). Decoding never throws on bad input:
/// it returns what it accepted and a <see cref="Rejection"/> for everything it refused.
/// </summary>
public sealed class SampleCodec
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public SampleCodec(ParameterCatalog catalog, CodecLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        Limits = limits ?? CodecLimits.Default;
    }

    public static SampleCodec Default { get; } = new(ParameterCatalog.Default);

    public ParameterCatalog Catalog { get; }

    public CodecLimits Limits { get; }

    /// <summary>Decodes one sample; <paramref name="expectedStation"/> is the station named by the topic.</summary>
    public SampleDecodeResult DecodeSample(ReadOnlySpan<byte> utf8, string? expectedStation = null)
    {
        var sink = new RejectionSink(Limits.MaxRejections);
        if (utf8.Length > Limits.MaxSampleBytes)
        {
            sink.Add(RejectionReason.TooLarge, "$", $"the payload is {utf8.Length} bytes; a sample may have at most {Limits.MaxSampleBytes}.");
            return new SampleDecodeResult(null, sink.ToList());
        }

        utf8 = TrimBom(utf8);
        var reader = NewReader(utf8);
        Sample? sample = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                sink.Add(RejectionReason.WrongType, "$", "a sample must be a JSON object.");
                return new SampleDecodeResult(null, sink.ToList());
            }

            sample = SampleReader.Read(ref reader, Catalog, expectedStation, SamplePath.Root, sink);
            RequireEnd(ref reader);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            sample = null;
            AddMalformed(sink, e, reader.CurrentDepth);
        }

        return new SampleDecodeResult(sample, sink.ToList());
    }

    /// <summary>Decodes a gateway batch; <paramref name="expectedGateway"/> is the gateway named by the topic.</summary>
    public BatchDecodeResult DecodeBatch(ReadOnlySpan<byte> utf8, string? expectedGateway = null)
    {
        var sink = new RejectionSink(Limits.MaxRejections);
        if (utf8.Length > Limits.MaxBatchBytes)
        {
            sink.Add(RejectionReason.TooLarge, "$", $"the payload is {utf8.Length} bytes; a batch may have at most {Limits.MaxBatchBytes}.");
            return new BatchDecodeResult(null, sink.ToList());
        }

        utf8 = TrimBom(utf8);
        var reader = NewReader(utf8);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                sink.Add(RejectionReason.WrongType, "$", "a batch must be a JSON object.");
                return new BatchDecodeResult(null, sink.ToList());
            }

            var batch = BatchReader.Read(ref reader, this, expectedGateway, sink);
            RequireEnd(ref reader);
            return new BatchDecodeResult(batch, sink.ToList());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            AddMalformed(sink, e, reader.CurrentDepth);
            return new BatchDecodeResult(null, sink.ToList());
        }
    }

    /// <summary>Writes a sample as contract JSON; statuses are written only where not 0.</summary>
    public static void WriteSample(Utf8JsonWriter writer, Sample sample)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(sample);
        writer.WriteStartObject();
        writer.WriteString("station"u8, sample.Station);
        if (sample.Seq is { } seq)
        {
            writer.WriteNumber("seq"u8, seq);
        }

        writer.WriteString("ts"u8, sample.Timestamp);
        writer.WriteStartObject("values"u8);
        var anyStatus = false;
        // Index loops: a foreach over the IReadOnlyList would box its enumerator for every sample.
        var readings = sample.Readings;
        for (var i = 0; i < readings.Count; i++)
        {
            var reading = readings[i];
            writer.WriteNumber(reading.Parameter.Code, reading.Value);
            anyStatus |= reading.Status != DeviceStatus.Measuring;
        }

        writer.WriteEndObject();
        if (anyStatus)
        {
            writer.WriteStartObject("status"u8);
            for (var i = 0; i < readings.Count; i++)
            {
                var reading = readings[i];
                if (reading.Status != DeviceStatus.Measuring)
                {
                    writer.WriteNumber(reading.Parameter.Code, (int)reading.Status);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public static void WriteBatch(Utf8JsonWriter writer, GatewayBatch batch)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(batch);
        writer.WriteStartObject();
        writer.WriteString("gateway"u8, batch.Gateway);
        writer.WriteNumber("batch"u8, batch.Number);
        writer.WriteStartArray("samples"u8);
        for (var i = 0; i < batch.Samples.Count; i++)
        {
            WriteSample(writer, batch.Samples[i]);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteAck(Utf8JsonWriter writer, GatewayAck ack)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(ack);
        writer.WriteStartObject();
        writer.WriteStartArray("batches"u8);
        foreach (var number in ack.Batches)
        {
            writer.WriteNumberValue(number);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static byte[] EncodeSample(Sample sample) => Encode(sample, WriteSample);

    public static byte[] EncodeBatch(GatewayBatch batch) => Encode(batch, WriteBatch);

    public static byte[] EncodeAck(GatewayAck ack) => Encode(ack, WriteAck);

    /// <summary>Decodes an ack; null when it is not one (acks come only from our own cloud).</summary>
    public static GatewayAck? DecodeAck(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            List<long>? batches = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isBatches = reader.ValueTextEquals("batches"u8);
                reader.Read();
                if (!isBatches || reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                batches = [];
                while (reader.Read() && reader.TokenType == JsonTokenType.Number)
                {
                    batches.Add(reader.GetInt64());
                }

                if (reader.TokenType != JsonTokenType.EndArray)
                {
                    return null;
                }
            }

            return batches is null ? null : new GatewayAck(batches);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private Utf8JsonReader NewReader(ReadOnlySpan<byte> utf8) =>
        new(utf8, new JsonReaderOptions { MaxDepth = Limits.MaxDepth, CommentHandling = JsonCommentHandling.Disallow });

    private static ReadOnlySpan<byte> TrimBom(ReadOnlySpan<byte> utf8) => utf8.StartsWith(Utf8Bom) ? utf8[Utf8Bom.Length..] : utf8;

    private static void RequireEnd(ref Utf8JsonReader reader)
    {
        // Reading past the root value throws on trailing content other than white space.
        if (reader.Read())
        {
            throw new JsonException("Trailing content after the JSON value.");
        }
    }

    private void AddMalformed(RejectionSink sink, Exception e, int depth)
    {
        if (depth >= Limits.MaxDepth - 1 && e is JsonException)
        {
            sink.Add(RejectionReason.TooDeep, "$", $"objects and arrays may nest at most {Limits.MaxDepth} deep.");
            return;
        }

        sink.Add(RejectionReason.NotJson, "$", InputEcho.Of(e.Message));
    }

    private static byte[] Encode<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal static bool IsIdentifierToken(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && Identifier.IsValid(reader.ValueSpan);
}
