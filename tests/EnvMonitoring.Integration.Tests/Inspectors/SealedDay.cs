using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>
/// Yesterday (local) of one station, as a test makes it: samples published over MQTT as a gateway
/// would (so the sealer is told of them), then waited for until its seals cover them all.
/// </summary>
internal sealed class SealedDay(InspectorHostFixture fixture, string station)
{
    public const int Samples = 12;

    public string Station { get; } = station;

    /// <summary>Yesterday's local midnight.</summary>
    public DateTimeOffset Start { get; } = LocalMidnight().AddDays(-1);

    public string Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The i-th sample's time: 10:00 local, then every 5 minutes.</summary>
    public DateTimeOffset TimeOf(int i) => Start.AddHours(10).AddMinutes(5 * i);

    /// <summary>COD with every digit a binary64 holds (the CSV need not show them, the seal does), under the limit of 100.</summary>
    public static double CodOf(int i) => 40 + (i / 7.0);

    /// <summary>Publishes the samples (the fourth calibrating) and waits until the day's seals cover them; returns the seals (<c>GET /api/seals</c>).</summary>
    public async Task<List<JsonElement>> PublishAndSealAsync()
    {
        await using var publisher = await MqttPublisher.ConnectAsync(fixture.Cloud.MqttPort, $"pub-{Guid.NewGuid():N}");
        for (var i = 0; i < Samples; i++)
        {
            var sample = new Sample(Station, TimeOf(i),
                [new Reading(ParameterCatalog.Default["COD"], CodOf(i), i == 3 ? DeviceStatus.Calibrating : DeviceStatus.Measuring), new Reading(ParameterCatalog.Default["pH"], 7.1)]);
            await publisher.PublishAsync(Topics.Telemetry(InspectorHostFixture.Park, Station), SampleCodec.EncodeSample(sample));
        }

        return await Eventually.ValueAsync(async () =>
        {
            var seals = await SealsAsync();
            var sealedSamples = seals.Sum(s => JsonDocument.Parse(s.GetProperty("document").GetString()!).RootElement.GetProperty("samples").GetInt32());
            return sealedSamples == Samples ? seals : null;
        }, TimeSpan.FromSeconds(60), $"the seals of {Station} on {Day} cover its {Samples} samples");
    }

    /// <summary>The day's seal versions as the centre lists them.</summary>
    public async Task<List<JsonElement>> SealsAsync() =>
        [.. (await fixture.Inspector.GetFromJsonAsync<JsonElement>(new Uri($"/api/seals?station={Station}&day={Day}", UriKind.Relative))).EnumerateArray()];

    private static DateTimeOffset LocalMidnight()
    {
        var local = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        return new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, TimeSpan.FromHours(7));
    }
}
