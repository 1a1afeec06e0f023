using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Cloud.Admin;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Tests.Notifications;
using EnvMonitoring.Protocol.Security;
using EnvMonitoring.Testing;
using EnvMonitoring.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnvMonitoring.Cloud.Tests.Config;

/// <summary>
/// Issue 19: the whole host on a real SQLite store in its data folder. The settings seed the store at
/// the first start; runtime edits are in force within seconds and survive restarts; a changed
/// stations file wins for what it changed; a station that does not resolve is refused; users of the
/// store sign in and lose their sessions when disabled; the import/export command round-trips.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RunningConfigurationTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>, IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _data = Directory.CreateTempSubdirectory("envmon-running-config-").FullName;
    private readonly string _database = $"config_{Guid.NewGuid():N}";

    private string StoreFile => Path.Combine(_data, "config.db");

    [Fact]
    public async Task The_first_start_seeds_the_store_with_the_settings_parks_stations_users_and_gateways()
    {
        var settings = Station("CfgPark", "CFG-SEED", 100);
        settings["Parks:0:Id"] = "CfgPark";
        settings["Parks:0:Name"] = "KCN Cấu Hình";
        settings["Broker:Clients:0:Username"] = "gw-cfg-gw-01";
        settings["Broker:Clients:0:PasswordHash"] = PasswordHash.Create("gateway-secret-1");
        settings["Broker:Clients:0:Park"] = "CfgPark";
        settings["Broker:Clients:0:Gateway"] = "cfg-gw-01";
        await using var cloud = await StartAsync(settings);
        var store = cloud.Services.GetRequiredService<IConfigStore>();

        var station = ConfigDocuments.Station(Assert.Single(await store.ListAsync(ConfigKind.Station, None)));
        Assert.Equal(("CfgPark", "CFG-SEED", 100.0), (station.Park, station.Station, station.Permit.Single(p => p.Parameter == "COD").Max));
        Assert.Equal("KCN Cấu Hình", ConfigDocuments.Park(Assert.Single(await store.ListAsync(ConfigKind.Park, None))).Name);
        var gateway = ConfigDocuments.Gateway(Assert.Single(await store.ListAsync(ConfigKind.Gateway, None)));
        Assert.Equal(("CfgPark", "cfg-gw-01", "gw-cfg-gw-01", settings["Broker:Clients:0:PasswordHash"]), (gateway.Park, gateway.Gateway, gateway.Username, gateway.PasswordHash));
        Assert.Equal(TestUsers.All.Select(u => u.Name).Order(StringComparer.Ordinal), (await store.ListAsync(ConfigKind.User, None)).Select(e => e.Id));
        Assert.All(await store.ListAsync(ConfigKind.Station, None), e => Assert.Equal((1L, ConfigSeeder.By), (e.Version, e.UpdatedBy)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StoreFile));
        Assert.Equal("KCN Cấu Hình", (await StationAsync(cloud, "CFG-SEED")).GetProperty("parkName").GetString());
    }

    [Fact]
    public async Task A_limit_edited_in_the_store_is_in_force_within_seconds_and_survives_a_restart()
    {
        var settings = Station("CfgPark", "CFG-EDIT", 100);
        await using (var cloud = await StartAsync(settings))
        {
            // A writer that applies (the admin API's way): in force when the write is answered.
            await EditAsync(cloud.Services.GetRequiredService<IConfigStore>(), "CFG-EDIT", s => s.Permit.Single(p => p.Parameter == "COD").Max = 80);
            await cloud.Services.GetRequiredService<IConfigApplier>().ApplyAsync(None);
            Assert.Equal(80, CodMax(await StationAsync(cloud, "CFG-EDIT")));

            // Another process's write (a second host, an import): the host's poll finds it.
            await EditAsync(new SqliteConfigStore(StoreFile, TimeProvider.System), "CFG-EDIT", s => s.Permit.Single(p => p.Parameter == "COD").Max = 70);
            await Eventually.UntilAsync(async () => CodMax(await StationAsync(cloud, "CFG-EDIT")) == 70, Within, "the host applies another process's edit within 5 s");
        }

        // The settings still say 100, as at the first start: the edit stands.
        await using var restarted = await StartAsync(settings);
        Assert.Equal(70, CodMax(await StationAsync(restarted, "CFG-EDIT")));
    }

    [Fact]
    public async Task An_edited_stations_file_wins_for_the_station_it_changed_only()
    {
        var file = Path.Combine(_data, "stations.json");
        await WriteStationsFileAsync(file, aMax: 100, bMax: 100);
        var settings = new Dictionary<string, string?> { ["StationsFile"] = file };
        await using (var cloud = await StartAsync(settings))
        {
            var store = cloud.Services.GetRequiredService<IConfigStore>();
            await EditAsync(store, "CFG-A", s => s.Name = "A renamed by an admin");
            await EditAsync(store, "CFG-B", s => s.Name = "B renamed by an admin");
            await cloud.Services.GetRequiredService<IConfigApplier>().ApplyAsync(None);

            // The file is edited while the host runs: B's limit changes, A's entry stays as it was.
            await WriteStationsFileAsync(file, aMax: 100, bMax: 60);
            await Eventually.UntilAsync(async () => CodMax(await StationAsync(cloud, "CFG-B")) == 60, TimeSpan.FromSeconds(10), "the host seeds the edited stations file");
            Assert.Equal("B", (await StationAsync(cloud, "CFG-B")).GetProperty("name").GetString());
            Assert.Equal("A renamed by an admin", (await StationAsync(cloud, "CFG-A")).GetProperty("name").GetString());
        }

        // And across a restart, with the file edited again while the host was down.
        await WriteStationsFileAsync(file, aMax: 50, bMax: 60);
        await using var restarted = await StartAsync(settings);
        var a = await StationAsync(restarted, "CFG-A");
        Assert.Equal((50.0, "A"), (CodMax(a), a.GetProperty("name").GetString()));
        Assert.Equal(60, CodMax(await StationAsync(restarted, "CFG-B")));
    }

    [Fact]
    public async Task A_station_that_does_not_resolve_is_refused_and_the_registry_stays_as_it_was()
    {
        await using var cloud = await StartAsync(Station("CfgPark", "CFG-GOOD", 100));
        cloud.Log.ExpectEvent("StationsRefused", "the test stores a station with a parameter the catalog does not know");
        var store = cloud.Services.GetRequiredService<IConfigStore>();
        var registry = cloud.Services.GetRequiredService<StationRegistry>();
        var before = registry.All;

        // One change (one revision), so the host's poll cannot apply the good half alone: a good station's new limit and a bad station.
        var good = ConfigDocuments.Station((await store.GetAsync(ConfigKind.Station, "CFG-GOOD", None))!);
        good.Permit.Single(p => p.Parameter == "COD").Max = 10;
        var bad = new StationDefinition { Park = "CfgPark", Station = "CFG-BAD", Parameters = ["NOT-A-PARAMETER"] };
        await store.ImportAsync([ConfigDocuments.Of(good), ConfigDocuments.Of(bad)], "test", None);
        await cloud.Services.GetRequiredService<IConfigApplier>().ApplyAsync(None);

        var refused = await cloud.Log.WaitForAsync(e => e.Is("StationsRefused"), Within, "the applier logs the refusal");
        Assert.Contains("CFG-BAD", refused.Message, StringComparison.Ordinal);
        Assert.Same(before, registry.All);
        Assert.Equal(100, CodMax(await StationAsync(cloud, "CFG-GOOD")));
        using var client = cloud.ClientFor(TestUsers.Viewer);
        var stations = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/stations", UriKind.Relative));
        Assert.DoesNotContain(stations.EnumerateArray(), s => s.GetProperty("station").GetString() == "CFG-BAD");
    }

    [Fact]
    public async Task A_user_added_to_the_store_signs_in_and_once_disabled_is_refused_and_loses_the_session()
    {
        await using var cloud = await StartAsync(Station("CfgPark", "CFG-USER", 100));
        var store = cloud.Services.GetRequiredService<IConfigStore>();
        var applier = cloud.Services.GetRequiredService<IConfigApplier>();
        var user = new UserDefinition { Name = "cfg-officer", DisplayName = "Cán bộ", PasswordHash = PasswordHash.Create("officer-secret-1"), Roles = ["operator"] };
        var (kind, id, json) = ConfigDocuments.Of(user);
        var created = await store.PutAsync(kind, id, json, 0, TestUsers.Admin.Name, None);
        await applier.ApplyAsync(None);

        using var browser = new HttpClient { BaseAddress = cloud.BaseAddress };
        using (var login = await browser.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { name = "cfg-officer", password = "officer-secret-1" }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).StatusCode);

        user.Disabled = true;
        await store.PutAsync(kind, id, ConfigDocuments.Write(user), created.Version, TestUsers.Admin.Name, None);
        await applier.ApplyAsync(None);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).StatusCode);
        using var again = new HttpClient { BaseAddress = cloud.BaseAddress };
        using var refused = await again.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { name = "cfg-officer", password = "officer-secret-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Export_then_import_of_an_edited_file_round_trips_and_a_bad_file_writes_nothing()
    {
        await using var cloud = await StartAsync(Station("CfgPark", "CFG-IO", 100));
        var exported = Path.Combine(_data, "exported.json");
        using var output = new StringWriter();
        using var errors = new StringWriter();
        Assert.Equal(0, await ConfigCommand.RunAsync(["export", "--file", exported, $"--Config:Path={StoreFile}"], output, errors, None));

        var read = StationsFile.Read(exported);
        var station = Assert.Single(read.Stations);
        Assert.Equal(("CFG-IO", 100.0), (station.Station, station.Permit.Single(p => p.Parameter == "COD").Max));
        station.Permit.Single(p => p.Parameter == "COD").Max = 90;
        station.Name = "Imported name";
        await File.WriteAllTextAsync(exported, StationsFile.Write(read));
        Assert.Equal(0, await ConfigCommand.RunAsync(["import", "--file", exported, $"--Config:Path={StoreFile}"], output, errors, None));
        Assert.Contains("1 item(s) changed", output.ToString(), StringComparison.Ordinal);
        await Eventually.UntilAsync(async () => CodMax(await StationAsync(cloud, "CFG-IO")) == 90, Within, "the host applies the import within 5 s");
        Assert.Equal("Imported name", (await StationAsync(cloud, "CFG-IO")).GetProperty("name").GetString());

        // One station of the file does not resolve: nothing is written, not even the good one.
        var store = cloud.Services.GetRequiredService<IConfigStore>();
        var revision = await store.RevisionAsync(None);
        station.Name = "Never imported";
        read.Stations.Add(new StationDefinition { Park = "CfgPark", Station = "CFG-IO-BAD", Regulation = "QCVN 99:2099/NONE" });
        await File.WriteAllTextAsync(exported, StationsFile.Write(read));
        Assert.Equal(1, await ConfigCommand.RunAsync(["import", "--file", exported, $"--Config:Path={StoreFile}"], output, errors, None));
        Assert.Contains("CFG-IO-BAD", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(revision, await store.RevisionAsync(None));
    }

    [Fact]
    public async Task A_store_that_cannot_be_opened_stops_the_host_at_start_naming_the_file()
    {
        await File.WriteAllTextAsync(StoreFile, new string('x', 4096));
        var log = new TestLog().Expect(e => e.Level >= LogLevel.Error, "the host fails to start on a file that is not a store");

        var failed = await Assert.ThrowsAnyAsync<Exception>(() => CloudApp.StartAsync(influx.Server, _database, _data, Station("CfgPark", "CFG-DAMAGED", 100), log));

        Assert.Contains($"The configuration store {StoreFile} cannot be opened", failed.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private Task<CloudApp> StartAsync(Dictionary<string, string?> settings) => CloudApp.StartAsync(influx.Server, _database, _data, settings);

    internal static async Task<JsonElement> StationAsync(CloudApp cloud, string station)
    {
        using var client = cloud.ClientFor(TestUsers.Viewer);
        var stations = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/stations", UriKind.Relative));
        return stations.EnumerateArray().Single(s => s.GetProperty("station").GetString() == station);
    }

    internal static double CodMax(JsonElement station) =>
        station.GetProperty("limits").EnumerateArray().Single(l => l.GetProperty("parameter").GetString() == "COD").GetProperty("max").GetDouble();

    /// <summary>Reads the station from the store, changes it and writes it back at the version read.</summary>
    internal static async Task EditAsync(IConfigStore store, string id, Action<StationDefinition> change)
    {
        var entry = await store.GetAsync(ConfigKind.Station, id, None);
        var definition = ConfigDocuments.Station(entry!);
        change(definition);
        await store.PutAsync(ConfigKind.Station, id, ConfigDocuments.Write(definition), entry!.Version, "test", None);
    }

    internal static Dictionary<string, string?> Station(string park, string station, double codMax) => new()
    {
        ["Stations:0:Park"] = park,
        ["Stations:0:Station"] = station,
        ["Stations:0:Medium"] = "Water",
        ["Stations:0:Parameters:0"] = "COD",
        ["Stations:0:Parameters:1"] = "pH",
        ["Stations:0:Permit:0:Parameter"] = "COD",
        ["Stations:0:Permit:0:Max"] = codMax.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Stations:0:Permit:1:Parameter"] = "pH",
        ["Stations:0:Permit:1:Min"] = "6",
        ["Stations:0:Permit:1:Max"] = "9",
    };

    private static Task WriteStationsFileAsync(string file, double aMax, double bMax) =>
        File.WriteAllTextAsync(file, StationsFile.Write(new RegistryDefinitions(
            [new ParkDefinition { Id = "CfgPark", Name = "KCN Cấu Hình" }],
            [FileStation("CFG-A", "A", aMax), FileStation("CFG-B", "B", bMax)])));

    private static StationDefinition FileStation(string id, string name, double codMax) => new()
    {
        Park = "CfgPark",
        Station = id,
        Name = name,
        Parameters = ["COD"],
        Permit = [new PermitLimitDefinition { Parameter = "COD", Max = codMax }],
    };
}
