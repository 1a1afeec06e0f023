using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Testing;
using Npgsql;

namespace EnvMonitoring.Cloud.Tests.Config;

/// <summary>
/// The shared configuration store on a real PostgreSQL server (TLS, password): the contract, each
/// test on its own database, and what sharing asks of it: two hosts see each other's changes and
/// revisions, racing writers of several hosts serialise, hosts starting together migrate once, a
/// newer schema or a refused login stops the store with a message that names it without the password.
/// </summary>
public sealed class PostgresConfigStoreTests(PostgresServerFixture postgres) : ConfigStoreContractTests, IClassFixture<PostgresServerFixture>
{
    private readonly List<PostgresConfigStore> _stores = [];
    private string _connectionString = string.Empty;

    protected override int RacingRounds => 40;

    [Fact]
    public async Task Two_hosts_on_one_database_see_each_others_changes_and_revisions()
    {
        var (a, b) = (Store(), Store());
        await a.PutAsync(ConfigKind.Park, "P", """{"Id":"P"}""", 0, "host-a", None);
        Assert.Equal(1, await b.RevisionAsync(None));
        var fromB = await b.PutAsync(ConfigKind.Park, "P", """{"Id":"P","Name":"Pe"}""", 1, "host-b", None);

        Assert.Equal(fromB, await a.GetAsync(ConfigKind.Park, "P", None));
        Assert.Equal(2, await a.RevisionAsync(None));
        var stale = await Assert.ThrowsAsync<ConfigConflictException>(() => a.PutAsync(ConfigKind.Park, "P", """{"Id":"P"}""", 1, "host-a", None));
        Assert.Equal(fromB, stale.Current);

        Assert.Equal(1, await b.ImportAsync([(ConfigKind.Park, "Q", """{"Id":"Q"}""")], "host-b", None));
        Assert.Equal(["P", "Q"], (await a.ListAsync(ConfigKind.Park, None)).Select(e => e.Id));
        Assert.Equal(3, await a.RevisionAsync(None));
    }

    [Fact]
    public async Task Writers_of_three_hosts_at_once_lose_no_change_and_the_revision_counts_every_one()
    {
        const int Writes = 30;
        var hosts = new[] { Store(), Store(), Store() };
        var seen = new List<long>[hosts.Length];
        using var start = new Barrier(hosts.Length);
        await Task.WhenAll(hosts.Select((store, h) => Task.Run(async () =>
        {
            seen[h] = [];
            start.SignalAndWait();
            for (var i = 0; i < Writes; i++)
            {
                // Each host creates its own items and bumps one they all share, re-reading it when another came first.
                await store.PutAsync(ConfigKind.Station, $"S-{h}-{i}", "{}", 0, $"host-{h}", None);
                while (true)
                {
                    var shared = await store.GetAsync(ConfigKind.Park, "shared", None);
                    try
                    {
                        await store.PutAsync(ConfigKind.Park, "shared", $$"""{"last":"{{h}}-{{i}}"}""", shared?.Version ?? 0, $"host-{h}", None);
                        break;
                    }
                    catch (ConfigConflictException)
                    {
                        // Another host's write came first: read again and retry.
                    }
                }

                seen[h].Add(await store.RevisionAsync(None));
            }
        })));

        var total = hosts.Length * Writes * 2;
        Assert.Equal(total, await Store().RevisionAsync(None));
        Assert.Equal(hosts.Length * Writes, (await Store().ListAsync(ConfigKind.Station, None)).Count);
        Assert.Equal(hosts.Length * Writes, (await Store().GetAsync(ConfigKind.Park, "shared", None))!.Version);
        // The revision one host reads never goes back.
        Assert.All(seen, revisions => Assert.Equal(revisions.Order(), revisions));
    }

    [Fact]
    public async Task Hosts_starting_together_on_an_empty_database_migrate_it_once()
    {
        var hosts = Enumerable.Range(0, 4).Select(_ => Store()).ToList();

        await Task.WhenAll(hosts.Select(h => Task.Run(() => h.InitializeAsync(None))));

        Assert.Equal(PostgresConfigStore.Migrations.Count, await ScalarAsync("SELECT steps FROM schema_version;"));
        Assert.Equal(0L, await ScalarAsync("SELECT value FROM revision;"));
        await hosts[0].PutAsync(ConfigKind.Park, "P", "{}", 0, "admin", None);
        // Another start migrates nothing again and keeps the data.
        await Store().InitializeAsync(None);
        Assert.Equal(1, await Store().RevisionAsync(None));
    }

    [Fact]
    public async Task A_database_of_a_newer_schema_is_refused_naming_the_store_but_not_its_password()
    {
        await Store().InitializeAsync(None);
        await ScalarAsync($"UPDATE schema_version SET steps = {PostgresConfigStore.Migrations.Count + 1} RETURNING steps;");

        var store = Store();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.RevisionAsync(None));

        Assert.Contains(store.Name, refused.Message, StringComparison.Ordinal);
        Assert.Contains("newer", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(postgres.Server.Password, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_login_is_refused_naming_the_store_and_the_setting_but_not_the_password()
    {
        var wrong = new NpgsqlConnectionStringBuilder(_connectionString) { Password = "not-the-password-" + Guid.NewGuid().ToString("N") };
        await using var store = new PostgresConfigStore(wrong.ConnectionString, Time);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(None));

        Assert.Contains("cannot be opened (Config:ConnectionString)", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"postgresql://{postgres.Server.Username}@{postgres.Server.Host}:{postgres.Server.Port}/", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong.Password!, refused.Message, StringComparison.Ordinal);
        Assert.IsType<PostgresException>(refused.InnerException);
    }

    [Fact]
    public async Task The_server_takes_no_login_without_tls()
    {
        var plain = new NpgsqlConnectionStringBuilder(_connectionString) { SslMode = SslMode.Disable, Pooling = false };
        await using var connection = new NpgsqlConnection(plain.ConnectionString);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());

        // 28000: no pg_hba.conf entry (for a connection without encryption).
        Assert.Equal("28000", refused.SqlState);
    }

    public override async Task InitializeAsync() => _connectionString = await postgres.Server.CreateDatabaseAsync();

    public override async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    protected override PostgresConfigStore Store()
    {
        var store = new PostgresConfigStore(_connectionString, Time);
        _stores.Add(store);
        return store;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
