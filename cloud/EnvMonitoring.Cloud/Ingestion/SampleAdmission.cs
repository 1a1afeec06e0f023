using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// Binds a decoded sample to who sent it and to a plausible time, before it can reach the queue:
/// a sample counts only for a station the registry puts in the topic's park (the park of the
/// gateway's batch topic, or of a direct station's telemetry topic; with broker authentication the
/// topic is the authenticated identity's), measured no later than now + <see cref="IngestionOptions.MaxClockSkew"/>
/// and no earlier than now − <see cref="IngestionOptions.BackfillHorizon"/>. Everything else becomes a
/// rejection: quarantined, never stored, never a series, never seen by the rules or the live state.
/// It is the one place both ways in (the embedded broker's interceptor and the subscriber) pass,
/// through <see cref="MessageDecoder"/>.
/// </summary>
internal sealed class SampleAdmission(StationRegistry registry, IOptions<IngestionOptions> options, TimeProvider time, SampleCodec codec)
{
    private readonly TimeSpan _skew = options.Value.MaxClockSkew;
    private readonly TimeSpan _horizon = options.Value.BackfillHorizon;
    private readonly int _maxListed = codec.Limits.MaxRejections;

    /// <summary>
    /// The samples of <paramref name="samples"/> that count for <paramref name="park"/>; the others
    /// are added to <paramref name="rejections"/> (a new list when any is refused, else the one given).
    /// <paramref name="inBatch"/> shapes the rejections' paths (<c>$.samples[?(@.station=='S')]</c> or <c>$</c>).
    /// </summary>
    public IReadOnlyList<Sample> Admit(string park, IReadOnlyList<Sample> samples, bool inBatch, ref IReadOnlyList<Rejection> rejections)
    {
        if (samples.Count == 0)
        {
            return samples;
        }

        var now = time.GetUtcNow();
        var latest = now + _skew;
        var earliest = now - _horizon;
        List<Sample>? admitted = null;
        List<Rejection>? refused = null;
        var unlisted = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            var rejection = Check(park, sample, latest, earliest, inBatch);
            if (rejection is null)
            {
                admitted?.Add(sample);
                continue;
            }

            if (admitted is null)
            {
                admitted = new List<Sample>(samples.Count);
                for (var j = 0; j < i; j++)
                {
                    admitted.Add(samples[j]);
                }

                refused = [.. rejections];
            }

            if (refused!.Count < _maxListed)
            {
                refused.Add(rejection);
            }
            else
            {
                unlisted++;
            }
        }

        if (admitted is null)
        {
            return samples;
        }

        if (unlisted > 0)
        {
            refused!.Add(new Rejection(RejectionReason.TooManyErrors, "$", $"{unlisted} further samples were refused (station or time) and not listed."));
        }

        rejections = refused!;
        return admitted;
    }

    /// <summary>Null when the sample counts; the rejection's text is built only then, never for an admitted sample (the hot path).</summary>
    private Rejection? Check(string park, Sample sample, DateTimeOffset latest, DateTimeOffset earliest, bool inBatch)
    {
        if (!registry.TryGet(sample.Station, out var station))
        {
            return Refuse(RejectionReason.UnregisteredStation, ".station", $"station {sample.Station} is not in the station registry.");
        }

        if (!string.Equals(station.Park, park, StringComparison.Ordinal))
        {
            return Refuse(RejectionReason.StationNotInPark, ".station", $"station {sample.Station} is registered to park {station.Park}, not to {park}.");
        }

        if (sample.Timestamp > latest)
        {
            return Refuse(RejectionReason.TimestampInFuture, ".ts", $"later than the cloud's clock plus {_skew} of allowed skew ({latest:O}).");
        }

        if (sample.Timestamp < earliest)
        {
            return Refuse(RejectionReason.TimestampBeyondBackfill, ".ts", $"older than the backfill horizon of {_horizon} ({earliest:O}).");
        }

        return null;

        Rejection Refuse(RejectionReason reason, string field, string why) => SampleRejections.For(sample, inBatch, reason, field, why);
    }
}
