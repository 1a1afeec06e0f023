using System.Text.Json;
using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Cloud.Live;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Cloud.Tests.Live;

/// <summary>
/// The live view says what a station is doing now — from its latest readings and the clock, never
/// from alerts still open: which parameters exceed, how far (multiple or bound broken), since when;
/// silent probes, flat lines, offline stations by name.
/// </summary>
public sealed class LiveStateTests
{
    private const string Station = "LV-01";
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);
    private static readonly ParameterCatalog Catalog = ParameterCatalog.Default;

    private readonly FakeTimeProvider _time = new(T0);
    private readonly LiveState _live;

    public LiveStateTests()
    {
        var registry = new StationRegistry([Registered(Station, codMax: 100)]);
        _live = new LiveState(registry, new SingleHostOwnership(registry, Microsoft.Extensions.Options.Options.Create(new ClusterOptions())), _time);
    }

    [Fact]
    public void A_registry_change_judges_the_latest_values_again_drops_removed_stations_and_adds_new_ones()
    {
        Send(T0, cod: 70);
        Send(T0.AddMinutes(1), cod: 70);
        Assert.Equal(("normal", T0), (View().Values["COD"].State, View().Values["COD"].Since));
        _live.DrainChanged();
        _live.ClientConnected();

        var stricter = Registered(Station, codMax: 50);
        var added = Registered("LV-02", codMax: 100);
        _live.Apply(new StationChanges([added], [stricter], []));

        // 70 against 50 now, without a new reading: exceeding since the reading it judges.
        var cod = View().Values["COD"];
        Assert.Equal(("exceeding", T0.AddMinutes(1), 50.0, 70.0), (cod.State, cod.Since, cod.LimitMax, cod.Value));
        Assert.Equal(T0, View().Values["pH"].Since); // pH did not change
        Assert.Equal(["LV-01", "LV-02"], _live.DrainChanged().Select(s => s.Station).Order(StringComparer.Ordinal));
        Assert.Equal("nodata", _live.View("LV-02")!.State);

        _live.Apply(new StationChanges([], [], [stricter]));

        Assert.Null(_live.View(Station));
        Assert.False(_live.Contains(Station));
        Assert.Equal(["LV-02"], _live.Views(LiveScope.Province).Select(s => s.Station));
    }

    private static RegisteredStation Registered(string station, double codMax) =>
        StationRegistry.Build(
            [
                new StationDefinition
                {
                    Park = "LivePark",
                    Station = station,
                    ExpectedInterval = TimeSpan.FromMinutes(1),
                    Parameters = ["COD", "pH"],
                    Permit = [new() { Parameter = "COD", Max = codMax }, new() { Parameter = "pH", Min = 6, Max = 9 }],
                },
            ],
            RegulationLibrary.Default, Catalog, RuleSettings.Default).All[0];

    [Fact]
    public void A_one_minute_spike_is_exceeding_then_normal_again_since_the_reading_that_came_back()
    {
        Send(T0, cod: 40);
        Send(T0.AddMinutes(1), cod: 230);

        var spike = View();
        Assert.Equal(("exceeding", "from2", T0.AddMinutes(1)), (spike.State, spike.Severity, spike.Since!.Value));
        var cod = spike.Values["COD"];
        Assert.Equal(("exceeding", "exceeding", "from2", "upper", (int?)null), (cod.State, cod.Level, cod.Severity, cod.Bound, cod.Band));
        Assert.Equal(2.3, cod.Multiple!.Value, 12);
        Assert.Equal(T0.AddMinutes(1), cod.Since);

        Send(T0.AddMinutes(2), cod: 39);

        var back = View();
        Assert.Equal(("normal", "none", T0.AddMinutes(2)), (back.State, back.Severity, back.Since!.Value));
        Assert.Equal(("normal", T0.AddMinutes(2)), (back.Values["COD"].State, back.Values["COD"].Since));
        Assert.Null(back.Values["COD"].Multiple);
        Assert.Equal(T0, back.Values["pH"].Since); // pH never left normal
    }

    [Fact]
    public void An_open_alert_does_not_keep_a_station_exceeding()
    {
        Send(T0, cod: 230);
        _live.Apply(new AlertEvent
        {
            Sequence = 1,
            AlertId = new AlertId($"{Station}/COD/HourlyMean/1"),
            Cause = new AlertCause(Station, "COD", RuleKind.HourlyMean),
            Kind = AlertEventKind.Opened,
            Severity = Severity.From2,
            MeasuredAt = T0,
            At = T0,
            OpenedAt = T0,
            ClearAfter = TimeSpan.FromMinutes(15),
        });
        Send(T0.AddMinutes(1), cod: 50);

        Assert.Equal(("normal", "none"), (View().State, View().Severity));
    }

    [Fact]
    public void PH_below_its_range_names_the_lower_bound_and_its_band_without_a_multiple()
    {
        Send(T0, cod: 40, pH: 4.5);

        var ph = View().Values["pH"];

        Assert.Equal(("exceeding", "lower", 1, (double?)null), (ph.State, ph.Bound, ph.Band!.Value, ph.Multiple));
        Assert.Equal((6.0, 9.0), (ph.LimitMin!.Value, ph.LimitMax!.Value));
        Assert.Equal(WireName(SeverityScale.Default.RangeBandsFor("pH")!.Bands[0].Severity), ph.Severity);
        Assert.Equal("exceeding", View().State);
    }

    [Fact]
    public void Calibrating_and_faulty_probes_are_named_and_not_judged()
    {
        Send(T0, cod: 900, codStatus: DeviceStatus.Calibrating);
        Assert.Equal(("calibrating", "none"), (View().State, View().Severity));
        Assert.Equal("normal", View().Values["COD"].Level);

        Send(T0.AddMinutes(1), cod: 0, codStatus: DeviceStatus.Fault);
        Assert.Equal(("fault", T0.AddMinutes(1)), (View().State, View().Since!.Value));
    }

    [Fact]
    public void A_probe_that_stops_reporting_is_silent_and_a_station_that_stops_is_offline()
    {
        Send(T0, cod: 40);
        for (var minute = 1; minute <= 16; minute++)
        {
            SendPhOnly(T0.AddMinutes(minute));
        }

        var silent = View();
        Assert.Equal(("silent", T0), (silent.State, silent.Since!.Value));
        Assert.Equal("silent", silent.Values["COD"].State);

        _time.SetUtcNow(T0.AddMinutes(32));
        var offline = View();
        Assert.Equal(("offline", T0.AddMinutes(16)), (offline.State, offline.Since!.Value));
    }

    [Fact]
    public void A_value_unchanged_for_the_flat_line_time_is_a_flat_line_since_the_run_began()
    {
        for (var minute = 0; minute < 60; minute++)
        {
            Send(T0.AddMinutes(minute), cod: 20 + minute, pH: 7.31);
        }

        Assert.Equal("normal", View().State);

        Send(T0.AddMinutes(60), cod: 102.5, pH: 7.31);

        var flat = View();
        Assert.Equal(("flatLine", T0), (flat.Values["pH"].State, flat.Values["pH"].Since));
        Assert.Equal("exceeding", flat.State); // COD beyond its limit now is worse than a stuck pH probe

        Send(T0.AddMinutes(61), cod: 50, pH: 7.32);
        Assert.Equal(("normal", "normal"), (View().State, View().Values["pH"].State));
    }

    [Fact]
    public void The_clock_alone_sends_a_station_again_when_it_goes_stale_then_offline()
    {
        _live.ClientConnected();
        Send(T0, cod: 40);
        Assert.Equal(["normal"], _live.DrainChanged().Select(s => s.State));
        Assert.Empty(_live.DrainChanged());

        _time.SetUtcNow(T0.AddMinutes(3.5)); // three 1-minute intervals: stale, not yet offline
        var stale = Assert.Single(_live.DrainChanged());
        Assert.Equal(("normal", true), (stale.State, stale.Stale));
        Assert.Empty(_live.DrainChanged());

        _time.SetUtcNow(T0.AddMinutes(15.5));
        Assert.Equal(["offline"], _live.DrainChanged().Select(s => s.State));
    }

    [Fact]
    public void Values_within_their_limits_carry_no_tier_bound_or_multiple_on_the_wire()
    {
        Send(T0, cod: 40);

        var json = JsonSerializer.Serialize(View().Values["COD"], JsonSerializerOptions.Web);

        Assert.DoesNotContain("multiple", json, StringComparison.Ordinal);
        Assert.DoesNotContain("bound", json, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"normal\"", json, StringComparison.Ordinal);
        Assert.Contains("\"since\":\"2026-11-30T08:00:00+07:00\"", json, StringComparison.Ordinal);
    }

    private StationLive View() => _live.View(Station)!;

    private void Send(DateTimeOffset at, double cod, double pH = 7.2, DeviceStatus codStatus = DeviceStatus.Measuring)
    {
        if (at > _time.GetUtcNow())
        {
            _time.SetUtcNow(at);
        }

        _live.Observe("LivePark", new Sample(Station, at, [new Reading(Catalog["COD"], cod, codStatus), new Reading(Catalog["pH"], pH)]));
    }

    private void SendPhOnly(DateTimeOffset at)
    {
        _time.SetUtcNow(at);
        _live.Observe("LivePark", new Sample(Station, at, [new Reading(Catalog["pH"], 7.2 + (at.Minute / 100.0))]));
    }

    private static string WireName(Severity severity) => Protocol.Codec.WireName.Of(severity);
}
