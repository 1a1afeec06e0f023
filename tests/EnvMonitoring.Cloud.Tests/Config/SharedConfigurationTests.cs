using EnvMonitoring.Cloud.Config;
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
/// a host told to use PostgreSQL without a connection string does not start.
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

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
