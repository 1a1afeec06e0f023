using EnvMonitoring.Cloud.Admin;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Tests.Notifications;
using EnvMonitoring.Testing;
using EnvMonitoring.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static EnvMonitoring.Cloud.Tests.Config.RunningConfigurationTests;

namespace EnvMonitoring.Cloud.Tests.Config;

/// <summary>
/// Issue 20: two whole hosts on one PostgreSQL store (<c>Config:Provider=postgres</c>). The second
/// start finds the store seeded; a change made on one host is in force on the other within seconds;
/// a host told to use PostgreSQL without a connection string does not start; <c>config export/import</c> work on it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SharedConfigurationTests(InfluxServerFixture influx, PostgresServerFixture postgres)
    : IClassFixture<InfluxServerFixture>, IClassFixture<PostgresServerFixture>, IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _data = Directory.CreateTempSubdirectory("envmon-shared-config-").FullName;
    private readonly string _database = $"config_{Guid.NewGuid():N}";

    [Fact]
    public async Task A_change_made_on_one_host_is_in_force_on_the_other_within_seconds()
    {
        var settings = Station("CfgPark", "CFG-SHARED", 100);
        settings["Config:Provider"] = "postgres";
        settings["Config:ConnectionString"] = await postgres.Server.CreateDatabaseAsync();
        await using var a = await CloudApp.StartAsync(influx.Server, _database, Path.Combine(_data, "a"), settings);
        var store = a.Services.GetRequiredService<IConfigStore>();
        Assert.IsType<PostgresConfigStore>(store);
        var seeded = await store.RevisionAsync(None);

        await using var b = await CloudApp.StartAsync(influx.Server, _database, Path.Combine(_data, "b"), settings);
        // The second host's settings say what the first's said: its seeding writes nothing.
        Assert.Equal(seeded, await b.Services.GetRequiredService<IConfigStore>().RevisionAsync(None));
        Assert.Equal(100, CodMax(await StationAsync(b, "CFG-SHARED")));

        await EditAsync(store, "CFG-SHARED", s => s.Permit.Single(p => p.Parameter == "COD").Max = 80);
        await a.Services.GetRequiredService<IConfigApplier>().ApplyAsync(None);
        Assert.Equal(80, CodMax(await StationAsync(a, "CFG-SHARED")));
        await Eventually.UntilAsync(async () => CodMax(await StationAsync(b, "CFG-SHARED")) == 80, Within, "host B applies host A's edit within 5 s");

        // And back the other way.
        await EditAsync(b.Services.GetRequiredService<IConfigStore>(), "CFG-SHARED", s => s.Permit.Single(p => p.Parameter == "COD").Max = 70);
        await Eventually.UntilAsync(async () => CodMax(await StationAsync(a, "CFG-SHARED")) == 70, Within, "host A applies host B's edit within 5 s");
    }

    [Fact]
    public async Task A_host_told_to_use_postgres_without_a_connection_string_does_not_start()
    {
        var settings = Station("CfgPark", "CFG-NOPG", 100);
        settings["Config:Provider"] = "postgres";
        var log = new TestLog().Expect(e => e.Level >= LogLevel.Error, "the host fails to start without a connection string");

        var failed = await Assert.ThrowsAnyAsync<Exception>(() => CloudApp.StartAsync(influx.Server, _database, _data, settings, log));

        Assert.Contains("Config:ConnectionString is required when Config:Provider is postgres", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_config_command_exports_and_imports_a_postgres_store_and_never_prints_its_password()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using (var store = new PostgresConfigStore(connectionString, TimeProvider.System))
        {
            var (kind, id, json) = ConfigDocuments.Of(new StationDefinition { Park = "PgPark", Station = "PG-IO", Parameters = ["COD"], Permit = [new PermitLimitDefinition { Parameter = "COD", Max = 100 }] });
            await store.PutAsync(kind, id, json, 0, "test", None);
        }

        var file = Path.Combine(_data, "stations.json");
        string[] postgresSettings = ["--Config:Provider=postgres", $"--Config:ConnectionString={connectionString}"];
        using var output = new StringWriter();
        using var errors = new StringWriter();
        Assert.Equal(0, await ConfigCommand.RunAsync(["export", "--file", file, .. postgresSettings], output, errors, None));
        var read = StationsFile.Read(file);
        Assert.Equal(100, Assert.Single(read.Stations).Permit.Single().Max);

        read.Stations[0].Permit[0].Max = 60;
        await File.WriteAllTextAsync(file, StationsFile.Write(read));
        Assert.Equal(0, await ConfigCommand.RunAsync(["import", "--file", file, .. postgresSettings], output, errors, None));
        await using (var store = new PostgresConfigStore(connectionString, TimeProvider.System))
        {
            var entry = await store.GetAsync(ConfigKind.Station, "PG-IO", None);
            Assert.Equal((2L, ConfigCommand.ImportedBy, 60.0), (entry!.Version, entry.UpdatedBy, ConfigDocuments.Station(entry).Permit.Single().Max));
        }

        // A wrong password: exit 2, the store named, the password not.
        var wrong = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Password = "wrong-" + Guid.NewGuid().ToString("N") };
        Assert.Equal(2, await ConfigCommand.RunAsync(["export", "--file", file, "--Config:Provider=postgres", $"--Config:ConnectionString={wrong.ConnectionString}"], output, errors, None));
        Assert.Contains("cannot be opened (Config:ConnectionString)", errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrong.Password!, errors.ToString() + output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(postgres.Server.Password, errors.ToString() + output.ToString(), StringComparison.Ordinal);

        // No connection string: exit 2, saying what to set.
        Assert.Equal(2, await ConfigCommand.RunAsync(["export", "--file", file, "--Config:Provider=postgres"], output, errors, None));
        Assert.Contains("Config:ConnectionString is required", errors.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
