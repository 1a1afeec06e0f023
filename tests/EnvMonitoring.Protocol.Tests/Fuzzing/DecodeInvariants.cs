using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Tests.Fuzzing;

/// <summary>
/// What must hold for any decode result, whatever the input: nothing invalid is accepted, a refusal
/// always says why, and what an accepted sample reports as refused is really absent from it.
/// Each check returns a description of the first violation, or null.
/// </summary>
internal static class DecodeInvariants
{
    public static string? CheckSample(SampleCodec codec, SampleDecodeResult result, string? expectedStation)
    {
        if (CheckRejectionList(codec, result.Rejections) is { } listProblem)
        {
            return listProblem;
        }

        if (result.Sample is not { } sample)
        {
            return result.Rejections.Count == 0 ? "the sample was refused without a rejection" : null;
        }

        return CheckAcceptedSample(codec, sample, expectedStation)
            ?? CheckRejectionsOfAcceptedSample(sample, result.Rejections, "$")
            ?? CheckRoundTrip(codec, sample);
    }

    public static string? CheckBatch(SampleCodec codec, BatchDecodeResult result, string? expectedGateway)
    {
        if (CheckRejectionList(codec, result.Rejections) is { } listProblem)
        {
            return listProblem;
        }

        if (result.Batch is not { } batch)
        {
            return result.Rejections.Count == 0 ? "the batch was refused without a rejection" : null;
        }

        if (!Identifier.IsValid(batch.Gateway))
        {
            return $"accepted invalid gateway '{batch.Gateway}'";
        }

        if (expectedGateway is not null && batch.Gateway != expectedGateway)
        {
            return $"accepted gateway '{batch.Gateway}' on the topic of '{expectedGateway}'";
        }

        if (batch.Number < 0 || batch.Samples.Count > codec.Limits.MaxBatchSamples)
        {
            return $"accepted batch number {batch.Number} with {batch.Samples.Count} samples";
        }

        foreach (var rejection in result.Rejections)
        {
            if (!rejection.Path.StartsWith("$.samples", StringComparison.Ordinal) && rejection.Reason != RejectionReason.TooManyErrors)
            {
                return $"accepted a batch despite {rejection}";
            }
        }

        foreach (var sample in batch.Samples)
        {
            if (CheckAcceptedSample(codec, sample, expectedStation: null) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckRejectionList(SampleCodec codec, IReadOnlyList<Rejection> rejections)
    {
        if (rejections.Count > codec.Limits.MaxRejections + 1)
        {
            return $"{rejections.Count} rejections listed; the cap is {codec.Limits.MaxRejections} plus one summary";
        }

        for (var i = 0; i < rejections.Count; i++)
        {
            var rejection = rejections[i];
            if (!rejection.Path.StartsWith('$') || string.IsNullOrWhiteSpace(rejection.Detail) || !Enum.IsDefined(rejection.Reason))
            {
                return $"malformed rejection {rejection}";
            }

            if (rejection.Reason == RejectionReason.TooManyErrors && i != rejections.Count - 1)
            {
                return "TooManyErrors is not the last rejection";
            }
        }

        return null;
    }

    private static string? CheckAcceptedSample(SampleCodec codec, Sample sample, string? expectedStation)
    {
        if (!Identifier.IsValid(sample.Station))
        {
            return $"accepted invalid station '{sample.Station}'";
        }

        if (expectedStation is not null && sample.Station != expectedStation)
        {
            return $"accepted station '{sample.Station}' on the topic of '{expectedStation}'";
        }

        if (sample.Timestamp < MeasurementTime.Earliest || sample.Timestamp > MeasurementTime.Latest)
        {
            return $"accepted timestamp {sample.Timestamp:O}";
        }

        if (sample.Seq < 0)
        {
            return $"accepted seq {sample.Seq}";
        }

        if (sample.Readings.Count == 0)
        {
            return "accepted a sample without readings";
        }

        var previousIndex = -1;
        foreach (var reading in sample.Readings)
        {
            var parameter = reading.Parameter;
            if (parameter.Index >= codec.Catalog.Count || !ReferenceEquals(codec.Catalog.Parameters[parameter.Index], parameter))
            {
                return $"accepted parameter {parameter.Code} that is not the catalog's";
            }

            if (parameter.Index <= previousIndex)
            {
                return $"readings out of catalog order or repeated at {parameter.Code}";
            }

            previousIndex = parameter.Index;
            if (!double.IsFinite(reading.Value) || !parameter.Accepts(reading.Value))
            {
                return $"accepted {parameter.Code} = {reading.Value}";
            }

            if (reading.Status is not (DeviceStatus.Measuring or DeviceStatus.Calibrating or DeviceStatus.Fault))
            {
                return $"accepted status {(int)reading.Status} for {parameter.Code}";
            }
        }

        return null;
    }

    /// <summary>An accepted sample may carry only value-level rejections, and never for a value it kept.</summary>
    private static string? CheckRejectionsOfAcceptedSample(Sample sample, IReadOnlyList<Rejection> rejections, string root)
    {
        foreach (var rejection in rejections)
        {
            var path = rejection.Path[root.Length..];
            var allowed = rejection.Reason switch
            {
                RejectionReason.InvalidSequence => path == ".seq",
                RejectionReason.UnknownParameter => path is ".values" or ".status",
                RejectionReason.WrongType => path.StartsWith(".values.", StringComparison.Ordinal) || path == ".status",
                RejectionReason.DuplicateKey or RejectionReason.NonFiniteValue or RejectionReason.OutOfRange =>
                    path.StartsWith(".values.", StringComparison.Ordinal),
                RejectionReason.InvalidStatus or RejectionReason.StatusWithoutValue => path.StartsWith(".status.", StringComparison.Ordinal),
                RejectionReason.TooManyErrors => path.Length == 0,
                _ => false,
            };
            if (!allowed)
            {
                return $"accepted a sample despite {rejection}";
            }

            var code = path.StartsWith(".values.", StringComparison.Ordinal) ? path[".values.".Length..]
                : path.StartsWith(".status.", StringComparison.Ordinal) ? path[".status.".Length..]
                : null;
            if (code is not null && sample.TryGetReading(code, out _))
            {
                return $"kept {code} although it was refused: {rejection}";
            }
        }

        return null;
    }

    private static string? CheckRoundTrip(SampleCodec codec, Sample sample)
    {
        var again = codec.DecodeSample(SampleCodec.EncodeSample(sample), sample.Station);
        if (again.Sample is not { } copy || again.Rejections.Count > 0)
        {
            return "the re-encoded sample was not accepted cleanly: " + string.Join("; ", again.Rejections);
        }

        var same = copy.Seq == sample.Seq && copy.Timestamp == sample.Timestamp && copy.Timestamp.Offset == sample.Timestamp.Offset &&
            copy.Readings.SequenceEqual(sample.Readings);
        return same ? null : "the re-encoded sample decoded differently";
    }
}
