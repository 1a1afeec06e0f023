using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Tests.Stations;

public sealed class StationRegistryTests
{
    private static StationRegistry Build(params StationDefinition[] definitions) =>
        StationRegistry.Build(definitions, RegulationLibrary.Default, ParameterCatalog.Default, RuleSettings.Default);

    private static StationDefinition Wastewater(string id = "YB-WWTP-01") => new()
    {
        Park = "YenBinh",
        Station = id,
        Medium = Medium.Water,
        ExpectedInterval = TimeSpan.FromMinutes(5),
        Regulation = "QCVN 40:2011/BTNMT",
        Column = "B",
        Site = new() { ["dischargeM3PerDay"] = 1200, ["riverDrySeasonFlowM3PerS"] = 30 },
    };

    [Fact]
    public void A_regulation_column_with_site_inputs_gives_cod_times_kq_times_kf_and_ph_as_is()
    {
        var station = Build(Wastewater()).All.Single();
        // QCVN 40:2011 B: COD 150 × Kq 0.9 (river 30 m³/s) × Kf 1.0 (1,200 m³/day) = 135; pH 5.5–9 without coefficients.
        Assert.Equal(135, station.Profile.LimitFor(ParameterCatalog.Default["COD"])!.Max!.Value, 6);
        var pH = station.Profile.LimitFor(ParameterCatalog.Default["pH"])!;
        Assert.Equal((5.5, 9.0), (pH.Min!.Value, pH.Max!.Value));
        Assert.Equal("YenBinh", station.Park);
        Assert.Equal("YB-WWTP-01", station.Name);
    }

    [Fact]
    public void Only_measured_parameters_are_judged_when_the_station_lists_them()
    {
        var definition = Wastewater();
        definition.Parameters = ["pH", "COD", "FlowOut"];
        var station = Build(definition).All.Single();
        Assert.Equal(["COD", "pH"], station.Profile.Limits.Select(l => l.Parameter.Code).Order(StringComparer.Ordinal));
        Assert.Contains(station.Profile.Monitored, p => p.Code == "FlowOut");
    }

    [Fact]
    public void A_permit_limit_wins_over_the_regulation_for_its_parameter()
    {
        var definition = Wastewater();
        definition.Permit = [new PermitLimitDefinition { Parameter = "COD", Max = 80, Reference = "Permit 12/GP" }];
        var station = Build(definition).All.Single();
        Assert.Equal(80, station.Profile.LimitFor(ParameterCatalog.Default["COD"])!.Max);
        Assert.Equal(135 / 150.0 * 100, station.Profile.LimitFor(ParameterCatalog.Default["TSS"])!.Max!.Value, 6);
    }

    [Fact]
    public void Rule_overrides_apply_per_station_and_the_expected_interval_becomes_the_report_interval()
    {
        var definition = Wastewater();
        definition.ExpectedInterval = TimeSpan.FromSeconds(30);
        definition.Rules = new RuleOverrides { SustainedFor = TimeSpan.FromMinutes(10), Disabled = [RuleKind.FlatLine] };
        var settings = Build(definition).All.Single().Profile.Settings;
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ReportInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.SustainedFor);
        Assert.False(settings.IsEnabled(RuleKind.FlatLine));
        Assert.Equal(RuleSettings.Default.OfflineAfter, settings.OfflineAfter);
    }

    [Fact]
    public void Every_bad_definition_is_named_in_one_error()
    {
        var unknownParameter = Wastewater("BAD-1");
        unknownParameter.Parameters = ["cod"];
        var unknownRegulation = Wastewater("BAD-2");
        unknownRegulation.Regulation = "QCVN 99:2030";
        var badId = Wastewater("bad id");
        var e = Assert.Throws<InvalidOperationException>(() => Build(Wastewater(), unknownParameter, unknownRegulation, badId));
        Assert.Contains("Stations:1 (BAD-1): parameter 'cod' is not in the parameter catalog", e.Message, StringComparison.Ordinal);
        Assert.Contains("Stations:2 (BAD-2)", e.Message, StringComparison.Ordinal);
        Assert.Contains("QCVN 99:2030", e.Message, StringComparison.Ordinal);
        Assert.Contains("Stations:3 (bad id)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_station_registered_twice_is_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Build(Wastewater(), Wastewater()));
        Assert.Contains("registered twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parks_facilities_and_positions_are_read_as_configured()
    {
        var located = Wastewater();
        located.Facility = " Công ty TNHH Dệt may Phổ Yên ";
        located.PermitNumber = "Giấy phép môi trường số 123/GPMT-UBND";
        (located.Latitude, located.Longitude) = (21.4268, 105.8671);
        var elsewhere = Wastewater("DT-WWTP-01");
        elsewhere.Park = "DiemThuy";
        var registry = StationRegistry.Build([located, elsewhere], [new ParkDefinition { Id = "YenBinh", Name = "Khu công nghiệp Yên Bình" }],
            RegulationLibrary.Default, ParameterCatalog.Default, RuleSettings.Default);

        Assert.Equal(new StationPlace("Khu công nghiệp Yên Bình", "Công ty TNHH Dệt may Phổ Yên", "Giấy phép môi trường số 123/GPMT-UBND", 21.4268, 105.8671), registry.All[0].Place);
        Assert.Equal(StationPlace.Unnamed("DiemThuy"), registry.All[1].Place);
    }

    [Fact]
    public void A_position_out_of_range_half_given_or_a_park_twice_is_refused_with_where()
    {
        var north = Wastewater("N-1");
        north.Latitude = 91;
        north.Longitude = 105;
        var half = Wastewater("H-1");
        half.Latitude = 21.4;
        var e = Assert.Throws<InvalidOperationException>(() => StationRegistry.Build([north, half],
            [new ParkDefinition { Id = "YenBinh" }, new ParkDefinition { Id = "YenBinh", Name = "again" }, new ParkDefinition { Id = "bad id" }],
            RegulationLibrary.Default, ParameterCatalog.Default, RuleSettings.Default));

        Assert.Contains("Stations:0 (N-1): (91, 105) is not a position", e.Message, StringComparison.Ordinal);
        Assert.Contains("Stations:1 (H-1): Latitude and Longitude go together", e.Message, StringComparison.Ordinal);
        Assert.Contains("Parks:1: park YenBinh is configured twice", e.Message, StringComparison.Ordinal);
        Assert.Contains("Parks:2: Id 'bad id'", e.Message, StringComparison.Ordinal);
    }
}
