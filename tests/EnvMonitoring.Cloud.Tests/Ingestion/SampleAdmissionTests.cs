using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Cloud.Tests.Ingestion;

public sealed class SampleAdmissionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    private static readonly StationRegistry Registry = StationRegistry.Build(
        [new StationDefinition { Park = "YenBinh", Station = "YB-1" }, new StationDefinition { Park = "LaHien", Station = "LH-1" }],
        RegulationLibrary.Default, ParameterCatalog.Default, RuleSettings.Default);

    private static SampleAdmission Admission() => new(Registry,
        Options.Create(new IngestionOptions { MaxClockSkew = TimeSpan.FromMinutes(5), BackfillHorizon = TimeSpan.FromDays(31) }),
        new FakeTimeProvider(Now), SampleCodec.Default);

    private static Sample At(string station, DateTimeOffset at) => new(station, at, [new Reading(ParameterCatalog.Default["COD"], 40)]);

    [Fact]
    public void A_registered_station_of_the_topics_park_at_a_plausible_time_is_admitted_as_is()
    {
        IReadOnlyList<Rejection> rejections = [];
        IReadOnlyList<Sample> samples = [At("YB-1", Now.AddMinutes(-1)), At("YB-1", Now.AddDays(-30)), At("YB-1", Now.AddMinutes(4))];

        var admitted = Admission().Admit("YenBinh", samples, inBatch: true, ref rejections);

        Assert.Same(samples, admitted);
        Assert.Empty(rejections);
    }

    [Theory]
    [InlineData("NOT-REG", 0, "UnregisteredStation", ".station")]
    [InlineData("LH-1", 0, "StationNotInPark", ".station")]
    [InlineData("YB-1", 6, "TimestampInFuture", ".ts")]
    [InlineData("YB-1", -32 * 24 * 60, "TimestampBeyondBackfill", ".ts")]
    public void A_sample_not_bound_to_the_park_or_a_plausible_time_is_refused_and_the_rest_kept(string station, int minutes, string reason, string pathEnd)
    {
        IReadOnlyList<Rejection> rejections = [new Rejection(RejectionReason.OutOfRange, "$.samples[0].values.pH", "from the codec")];
        var good = At("YB-1", Now);

        var admitted = Admission().Admit("YenBinh", [good, At(station, Now.AddMinutes(minutes)), good], inBatch: true, ref rejections);

        Assert.Equal([good, good], admitted);
        Assert.Equal(2, rejections.Count);
        Assert.Equal(RejectionReason.OutOfRange, rejections[0].Reason);
        Assert.Equal(reason, rejections[1].Reason.ToString());
        Assert.Equal($"$.samples[?(@.station=='{station}')]{pathEnd}", rejections[1].Path);
    }

    [Fact]
    public void A_flood_of_refused_samples_lists_the_first_ones_and_counts_the_rest()
    {
        IReadOnlyList<Rejection> rejections = [];
        var samples = Enumerable.Range(0, 1000).Select(i => At($"X-{i}", Now)).ToList();

        var admitted = Admission().Admit("YenBinh", samples, inBatch: true, ref rejections);

        Assert.Empty(admitted);
        Assert.Equal(SampleCodec.Default.Limits.MaxRejections + 1, rejections.Count);
        Assert.Equal(RejectionReason.TooManyErrors, rejections[^1].Reason);
        Assert.Contains("900 further", rejections[^1].Detail, StringComparison.Ordinal);
    }
}
