using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Tests.Stations;

public sealed class StationsFileTests : IDisposable
{
    // The example of docs/live.md, plus a second station with values written as strings and a comment.
    private const string Documented = """
        { "Parks": [ { "Id": "YenBinh", "Name": "Khu công nghiệp Yên Bình" } ],
          "Stations": [ {
            "Park": "YenBinh", "Station": "YB-WWTP-01", "Name": "Yen Binh central WWTP",
            "Medium": "Water", "ExpectedInterval": "00:05:00",
            "Parameters": ["pH", "Temp", "COD", "TSS", "NH4", "FlowOut"],
            "Regulation": "QCVN 40:2011/BTNMT", "Column": "B",
            "Site": { "dischargeM3PerDay": 1200, "riverDrySeasonFlowM3PerS": 30 },
            "SiteChoices": { }, "Factors": { },
            "Permit": [ { "Parameter": "COD", "Max": 80, "Reference": "Permit 12/GP-UBND" } ],
            "Rules": { "SustainedFor": "00:10:00", "Disabled": ["FlatLine"] } },
          // settings-style spelling: lower-case keys, numbers as strings
          { "park": "YenBinh", "station": "YB-BOILER-01", "medium": "Air", "expectedInterval": "00:01:00",
            "permit": [ { "parameter": "SO2", "max": "500" } ] },
        ] }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("envmon-stations-file-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Reads_the_documented_shape_into_the_same_definitions_as_the_settings_section()
    {
        var (parks, stations) = StationsFile.Read(Write(Documented));

        Assert.Equal(("YenBinh", "Khu công nghiệp Yên Bình"), (parks.Single().Id, parks.Single().Name));
        Assert.Equal(2, stations.Count);
        var water = stations[0];
        Assert.Equal(("YenBinh", "YB-WWTP-01", "Yen Binh central WWTP"), (water.Park, water.Station, water.Name));
        Assert.Equal(Medium.Water, water.Medium);
        Assert.Equal(TimeSpan.FromMinutes(5), water.ExpectedInterval);
        Assert.Equal(["pH", "Temp", "COD", "TSS", "NH4", "FlowOut"], water.Parameters);
        Assert.Equal(("QCVN 40:2011/BTNMT", "B"), (water.Regulation, water.Column));
        Assert.Equal(1200m, water.Site["dischargeM3PerDay"]);
        Assert.Equal(("COD", 80.0, "Permit 12/GP-UBND"), (water.Permit[0].Parameter, water.Permit[0].Max!.Value, water.Permit[0].Reference));
        Assert.Equal(TimeSpan.FromMinutes(10), water.Rules.SustainedFor);
        Assert.Equal([RuleKind.FlatLine], water.Rules.Disabled);
        var air = stations[1];
        Assert.Equal((Medium.Air, TimeSpan.FromMinutes(1), 500.0, "permit"), (air.Medium, air.ExpectedInterval, air.Permit[0].Max!.Value, air.Permit[0].Reference));
    }

    [Fact]
    public void The_stations_read_build_a_registry_with_the_permit_limits()
    {
        var (parks, stations) = StationsFile.Read(Write(Documented));
        var registry = StationRegistry.Build(stations, parks, RegulationLibrary.Default, ParameterCatalog.Default, RuleSettings.Default);

        Assert.Equal("Khu công nghiệp Yên Bình", registry.All[0].Place.ParkName);
        Assert.Equal(80, registry.All.Single(s => s.Station == "YB-WWTP-01").Profile.LimitFor(ParameterCatalog.Default["COD"])!.Max!.Value, 6);
        Assert.Equal(500, registry.All.Single(s => s.Station == "YB-BOILER-01").Profile.LimitFor(ParameterCatalog.Default["SO2"])!.Max!.Value, 6);
    }

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        var path = Path.Combine(_directory, "nope.json");

        var error = Assert.Throws<InvalidOperationException>(() => StationsFile.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_json_is_reported_with_the_file_and_the_line()
    {
        var path = Write("{ \"Stations\": [\n { \"Park\": \"A\",\n \"Medium\": \"Lava\" } ] }");

        var error = Assert.Throws<InvalidOperationException>(() => StationsFile.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_stations_array_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StationsFile.Read(Write("{ \"stationz\": [] }")));

        Assert.Contains("no \"Stations\" array", error.Message, StringComparison.Ordinal);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
