using System.Text.Json;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Codec;

/// <summary>
/// Reads one sample object with a <see cref="Utf8JsonReader"/>, keeping every good value and
/// recording a rejection for every bad one. Shared by single samples and gateway batches.
/// Precondition: the reader is on the sample's StartObject; postcondition: on its EndObject.
/// </summary>
internal static class SampleReader
{
    private const int StackLimit = 128;
    private const int MaxEscapedTimestampBytes = 40 * 6;

    // Per-parameter slot states while a sample is read.
    private const byte Absent = 0;
    private const byte Present = 1;
    private const byte Refused = 2;
    private const byte InvalidStatus = byte.MaxValue;

    [Flags]
    private enum Fields
    {
        None = 0,
        Station = 1,
        Seq = 2,
        Ts = 4,
        Values = 8,
        Status = 16,
        Duplicate = 32,
    }

    public static Sample? Read(ref Utf8JsonReader reader, ParameterCatalog catalog, string? expectedStation, SamplePath path, RejectionSink sink)
    {
        var count = catalog.Count;
        Span<double> values = count <= StackLimit ? stackalloc double[count] : new double[count];
        Span<byte> valueState = count <= StackLimit ? stackalloc byte[count] : new byte[count];
        Span<byte> statuses = count <= StackLimit ? stackalloc byte[count] : new byte[count];
        Span<byte> statusState = count <= StackLimit ? stackalloc byte[count] : new byte[count];
        valueState.Clear();
        statusState.Clear();

        var fields = Fields.None;
        string? station = null;
        var stationValid = false;
        long? seq = null;
        DateTimeOffset timestamp = default;
        var timestampValid = false;
        var valuesIsObject = false;
        var statusMalformed = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = FieldOf(ref reader);
            reader.Read();
            if (field != Fields.None && (fields & field) != 0)
            {
                fields |= Fields.Duplicate;
                reader.Skip();
                continue;
            }

            fields |= field;
            switch (field)
            {
                case Fields.Station:
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        sink.Add(RejectionReason.WrongType, path.At(".station"), $"station must be a string, not {Describe(reader.TokenType)}.");
                        reader.Skip();
                        break;
                    }

                    station = reader.GetString();
                    stationValid = Identifier.IsValid(station);
                    break;

                case Fields.Seq:
                    seq = ReadSeq(ref reader, path, sink);
                    break;

                case Fields.Ts:
                    timestampValid = ReadTimestamp(ref reader, path, sink, out timestamp);
                    break;

                case Fields.Values:
                    valuesIsObject = reader.TokenType == JsonTokenType.StartObject;
                    if (!valuesIsObject)
                    {
                        sink.Add(RejectionReason.WrongType, path.At(".values"), $"values must be an object of parameter code to number, not {Describe(reader.TokenType)}.");
                        reader.Skip();
                        break;
                    }

                    ReadValues(ref reader, catalog, values, valueState, path, sink);
                    break;

                case Fields.Status:
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        // null means what an absent status means: every probe measuring.
                        break;
                    }

                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        // Without the status object no value's device status is known, and a calibrating
                        // reading must never count as measured: the whole sample is refused below.
                        statusMalformed = true;
                        sink.Add(RejectionReason.WrongType, path.At(".status"), $"status must be an object of parameter code to 0, 1 or 2, not {Describe(reader.TokenType)}; no value is accepted without its status.");
                        reader.Skip();
                        break;
                    }

                    ReadStatuses(ref reader, catalog, statuses, statusState, path, sink);
                    break;

                default:
                    // Unknown fields are ignored so that a newer sender can add fields (forward compatibility).
                    reader.Skip();
                    break;
            }
        }

        if ((fields & Fields.Duplicate) != 0)
        {
            return Refuse(sink, RejectionReason.DuplicateKey, path.At(""), "a field of the sample appears twice; which one was meant is unknowable.");
        }

        if (station is null)
        {
            return (fields & Fields.Station) != 0
                ? null
                : Refuse(sink, RejectionReason.MissingField, path.At(".station"), "station is required.");
        }

        if (!stationValid)
        {
            return Refuse(sink, RejectionReason.InvalidIdentifier, path.At(".station"),
                $"'{InputEcho.Of(station)}' is not a valid station identifier (1-64 of A-Z a-z 0-9 _ . -, starting with a letter or digit).");
        }

        if (expectedStation is not null && !string.Equals(station, expectedStation, StringComparison.Ordinal))
        {
            return Refuse(sink, RejectionReason.StationMismatch, path.At(".station"), $"station '{station}' does not match the topic's station '{expectedStation}'.");
        }

        if ((fields & Fields.Ts) == 0)
        {
            return Refuse(sink, RejectionReason.MissingField, path.At(".ts"), "ts (the measurement time) is required.");
        }

        if (!timestampValid)
        {
            return null;
        }

        if ((fields & Fields.Values) == 0)
        {
            return Refuse(sink, RejectionReason.MissingField, path.At(".values"), "values is required.");
        }

        if (!valuesIsObject)
        {
            return null;
        }

        if (statusMalformed)
        {
            return null;
        }

        var readings = Collect(catalog, values, valueState, statuses, statusState, path, sink, out var anyValue);
        if (readings is null)
        {
            return anyValue ? null : Refuse(sink, RejectionReason.NoValues, path.At(".values"), "the sample carries no values.");
        }

        return new Sample(station, timestamp, readings, seq);
    }

    private static Sample? Refuse(RejectionSink sink, RejectionReason reason, string path, string detail)
    {
        sink.Add(reason, path, detail);
        return null;
    }

    private static Fields FieldOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            // Escaped names are legal JSON but never produced by our encoders; compare them unescaped.
            return reader.GetString() switch
            {
                "station" => Fields.Station,
                "seq" => Fields.Seq,
                "ts" => Fields.Ts,
                "values" => Fields.Values,
                "status" => Fields.Status,
                _ => Fields.None,
            };
        }

        var name = reader.ValueSpan;
        return name switch
        {
            _ when name.SequenceEqual("station"u8) => Fields.Station,
            _ when name.SequenceEqual("seq"u8) => Fields.Seq,
            _ when name.SequenceEqual("ts"u8) => Fields.Ts,
            _ when name.SequenceEqual("values"u8) => Fields.Values,
            _ when name.SequenceEqual("status"u8) => Fields.Status,
            _ => Fields.None,
        };
    }

    private static long? ReadSeq(ref Utf8JsonReader reader, SamplePath path, RejectionSink sink)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seq) && seq >= 0)
        {
            return seq;
        }

        // seq is optional metadata: a bad one is dropped, the sample's values are kept.
        sink.Add(RejectionReason.InvalidSequence, path.At(".seq"), "seq must be a non-negative integer; it was dropped and the sample kept.");
        reader.Skip();
        return null;
    }

    private static bool ReadTimestamp(ref Utf8JsonReader reader, SamplePath path, RejectionSink sink, out DateTimeOffset timestamp)
    {
        timestamp = default;
        MeasurementTime.ParseResult result;
        if (reader.TokenType == JsonTokenType.Number)
        {
            result = reader.TryGetInt64(out var milliseconds)
                ? MeasurementTime.TryParseEpochMilliseconds(milliseconds, out timestamp)
                : MeasurementTime.ParseResult.Invalid;
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            result = reader.ValueIsEscaped
                ? ParseEscapedTimestamp(ref reader, out timestamp)
                : MeasurementTime.TryParseRfc3339(reader.ValueSpan, out timestamp);
        }
        else
        {
            sink.Add(RejectionReason.WrongType, path.At(".ts"), $"ts must be an RFC 3339 string or epoch milliseconds, not {Describe(reader.TokenType)}.");
            reader.Skip();
            return false;
        }

        switch (result)
        {
            case MeasurementTime.ParseResult.Ok:
                return true;
            case MeasurementTime.ParseResult.MissingOffset:
                sink.Add(RejectionReason.TimestampWithoutOffset, path.At(".ts"), "ts has no UTC offset (add Z or e.g. +07:00); its instant is ambiguous.");
                return false;
            case MeasurementTime.ParseResult.OutOfRange:
                sink.Add(RejectionReason.InvalidTimestamp, path.At(".ts"), "ts lies outside 2000-01-01..2099-12-31.");
                return false;
            default:
                sink.Add(RejectionReason.InvalidTimestamp, path.At(".ts"), "ts must be RFC 3339 with an offset (2026-11-28T13:05:00+07:00) or integer epoch milliseconds.");
                return false;
        }
    }

    private static MeasurementTime.ParseResult ParseEscapedTimestamp(ref Utf8JsonReader reader, out DateTimeOffset timestamp)
    {
        // System.Text.Json's default encoder writes '+' as \u002B, so "…T13:05:00\u002B07:00" is a
        // legal spelling of an offset. A valid timestamp is at most 40 characters, 6 bytes each escaped.
        timestamp = default;
        if (reader.ValueSpan.Length > MaxEscapedTimestampBytes)
        {
            return MeasurementTime.ParseResult.Invalid;
        }

        Span<byte> unescaped = stackalloc byte[MaxEscapedTimestampBytes];
        var length = reader.CopyString(unescaped);
        return MeasurementTime.TryParseRfc3339(unescaped[..length], out timestamp);
    }

    private static void ReadValues(ref Utf8JsonReader reader, ParameterCatalog catalog, scoped Span<double> values, scoped Span<byte> state, SamplePath path, RejectionSink sink)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var parameter = LookUp(ref reader, catalog, out var unknownName);
            reader.Read();
            if (parameter is null)
            {
                sink.Add(RejectionReason.UnknownParameter, path.At(".values"), $"'{InputEcho.Of(unknownName)}' is not a catalog parameter (codes are case-sensitive).");
                reader.Skip();
                continue;
            }

            var index = parameter.Index;
            if (state[index] != Absent)
            {
                if (state[index] == Present)
                {
                    sink.Add(RejectionReason.DuplicateKey, path.At(".values.") + parameter.Code, $"{parameter.Code} appears twice; neither value is accepted.");
                }

                state[index] = Refused;
                reader.Skip();
                continue;
            }

            state[index] = Refused;
            if (reader.TokenType != JsonTokenType.Number)
            {
                sink.Add(RejectionReason.WrongType, path.At(".values.") + parameter.Code, $"{parameter.Code} must be a number, not {Describe(reader.TokenType)}.");
                reader.Skip();
                continue;
            }

            if (!reader.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                sink.Add(RejectionReason.NonFiniteValue, path.At(".values.") + parameter.Code, $"{parameter.Code} does not fit a finite double.");
                continue;
            }

            if (!parameter.Accepts(value))
            {
                sink.Add(RejectionReason.OutOfRange, path.At(".values.") + parameter.Code,
                    $"{parameter.Code} = {value} lies outside the accepted range {parameter.AcceptedMin}..{parameter.AcceptedMax} {parameter.Unit}.");
                continue;
            }

            values[index] = value;
            state[index] = Present;
        }
    }

    private static void ReadStatuses(ref Utf8JsonReader reader, ParameterCatalog catalog, scoped Span<byte> statuses, scoped Span<byte> state, SamplePath path, RejectionSink sink)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var parameter = LookUp(ref reader, catalog, out var unknownName);
            reader.Read();
            if (parameter is null)
            {
                sink.Add(RejectionReason.UnknownParameter, path.At(".status"), $"'{InputEcho.Of(unknownName)}' is not a catalog parameter (codes are case-sensitive).");
                reader.Skip();
                continue;
            }

            var index = parameter.Index;
            if (state[index] != Absent)
            {
                // A second status for one parameter makes its value's status unknowable.
                statuses[index] = InvalidStatus;
                reader.Skip();
                continue;
            }

            state[index] = Present;
            statuses[index] = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var code) && code is >= 0 and <= 2
                ? (byte)code
                : InvalidStatus;
            reader.Skip();
        }
    }

    private static Reading[]? Collect(
        ParameterCatalog catalog, Span<double> values, Span<byte> valueState, Span<byte> statuses, Span<byte> statusState,
        SamplePath path, RejectionSink sink, out bool anyValue)
    {
        anyValue = false;
        var accepted = 0;
        for (var i = 0; i < valueState.Length; i++)
        {
            anyValue |= valueState[i] != Absent;
            if (statusState[i] == Present && valueState[i] == Absent)
            {
                sink.Add(RejectionReason.StatusWithoutValue, path.At(".status.") + catalog.Parameters[i].Code,
                    $"a status for {catalog.Parameters[i].Code}, which has no value in this sample.");
            }

            if (valueState[i] == Present && statusState[i] == Present && statuses[i] == InvalidStatus)
            {
                valueState[i] = Refused;
                sink.Add(RejectionReason.InvalidStatus, path.At(".status.") + catalog.Parameters[i].Code,
                    $"the status of {catalog.Parameters[i].Code} must be 0 (measuring), 1 (calibrating) or 2 (fault), given once; its value is not accepted without one.");
            }

            if (valueState[i] == Present)
            {
                accepted++;
            }
        }

        if (accepted == 0)
        {
            return null;
        }

        var readings = new Reading[accepted];
        var next = 0;
        for (var i = 0; i < valueState.Length; i++)
        {
            if (valueState[i] == Present)
            {
                var status = statusState[i] == Present ? (DeviceStatus)statuses[i] : DeviceStatus.Measuring;
                readings[next++] = new Reading(catalog.Parameters[i], values[i], status);
            }
        }

        return readings;
    }

    private static Parameter? LookUp(ref Utf8JsonReader reader, ParameterCatalog catalog, out string? unknownName)
    {
        unknownName = null;
        if (!reader.ValueIsEscaped && catalog.TryGet(reader.ValueSpan, out var parameter))
        {
            return parameter;
        }

        var name = reader.GetString();
        if (reader.ValueIsEscaped && catalog.TryGet(name.AsSpan(), out parameter))
        {
            return parameter;
        }

        unknownName = name;
        return null;
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
