using EnvMonitoring.Cloud.Config;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Cloud.Tests.Config;

/// <summary>The embedded configuration store on a real SQLite file: versions, conflicts, revision, import, seeding, migrations, file mode.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SqliteConfigStoreTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("envmon-config-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private string File => Path.Combine(_directory.FullName, "data", "config.db");

    [Fact]
    public async Task Create_replace_and_delete_move_the_version_and_the_revision()
    {
        var store = Store();
        Assert.Equal(0, await store.RevisionAsync(None));

        var created = await store.PutAsync(ConfigKind.Station, "S-1", """{"Station":"S-1"}""", 0, "alice", None);
        Assert.Equal(1, created.Version);
        Assert.Equal("alice", created.UpdatedBy);
        Assert.Equal(_time.GetUtcNow(), created.UpdatedAt);
        _time.Advance(TimeSpan.FromMinutes(1));
        var replaced = await store.PutAsync(ConfigKind.Station, "S-1", """{"Station":"S-1","Name":"One"}""", 1, "bob", None);
        Assert.Equal(2, replaced.Version);
        Assert.Equal(replaced, await store.GetAsync(ConfigKind.Station, "S-1", None));
        Assert.Equal(2, await store.RevisionAsync(None));

        // Same id, another kind: another item.
        await store.PutAsync(ConfigKind.Park, "S-1", """{"Id":"S-1"}""", 0, "alice", None);
        Assert.Equal(["S-1"], (await store.ListAsync(ConfigKind.Station, None)).Select(e => e.Id));

        await store.DeleteAsync(ConfigKind.Station, "S-1", 2, "bob", None);
        Assert.Null(await store.GetAsync(ConfigKind.Station, "S-1", None));
        Assert.Empty(await store.ListAsync(ConfigKind.Station, None));
        Assert.Equal(4, await store.RevisionAsync(None));

        // A new store on the same file reads what was written.
        Assert.Equal(4, await Store().RevisionAsync(None));
        Assert.NotNull(await Store().GetAsync(ConfigKind.Park, "S-1", None));
    }

    [Fact]
    public async Task A_stale_version_or_creating_an_existing_item_is_refused_with_the_item_as_it_is_now()
    {
        var store = Store();
        await store.PutAsync(ConfigKind.User, "alice", """{"Name":"alice"}""", 0, "admin", None);
        var current = await store.PutAsync(ConfigKind.User, "alice", """{"Name":"alice","Disabled":true}""", 1, "carol", None);

        var stale = await Assert.ThrowsAsync<ConfigConflictException>(() => store.PutAsync(ConfigKind.User, "alice", """{"Name":"alice"}""", 1, "bob", None));
        Assert.Equal(current, stale.Current);
        Assert.Equal(1, stale.ExpectedVersion);
        Assert.Contains("carol", stale.Message, StringComparison.Ordinal);

        var exists = await Assert.ThrowsAsync<ConfigConflictException>(() => store.PutAsync(ConfigKind.User, "alice", """{"Name":"alice"}""", 0, "bob", None));
        Assert.Equal(current, exists.Current);
        Assert.Contains("exists already", exists.Message, StringComparison.Ordinal);

        var staleDelete = await Assert.ThrowsAsync<ConfigConflictException>(() => store.DeleteAsync(ConfigKind.User, "alice", 1, "bob", None));
        Assert.Equal(current, staleDelete.Current);
        var missing = await Assert.ThrowsAsync<ConfigConflictException>(() => store.DeleteAsync(ConfigKind.User, "nobody", 1, "bob", None));
        Assert.Null(missing.Current);
        var replaceMissing = await Assert.ThrowsAsync<ConfigConflictException>(() => store.PutAsync(ConfigKind.User, "nobody", "{}", 3, "bob", None));
        Assert.Null(replaceMissing.Current);

        // Refused writes changed nothing.
        Assert.Equal(current, await store.GetAsync(ConfigKind.User, "alice", None));
        Assert.Equal(2, await store.RevisionAsync(None));
    }

    [Fact]
    public async Task Import_keeps_the_version_of_unchanged_json_and_moves_the_revision_once_or_not_at_all()
    {
        var store = Store();
        await store.PutAsync(ConfigKind.Station, "A", """{"Station":"A"}""", 0, "admin", None);
        await store.PutAsync(ConfigKind.Station, "B", """{"Station":"B"}""", 0, "admin", None);
        var before = await store.RevisionAsync(None);

        var changed = await store.ImportAsync(
            [(ConfigKind.Station, "A", """{"Station":"A"}"""), (ConfigKind.Station, "B", """{"Station":"B","Name":"Bee"}"""), (ConfigKind.Station, "C", """{"Station":"C"}""")], "import", None);

        Assert.Equal(2, changed);
        Assert.Equal(before + 1, await store.RevisionAsync(None));
        var entries = (await store.ListAsync(ConfigKind.Station, None)).ToDictionary(e => e.Id);
        Assert.Equal((1, "admin"), (entries["A"].Version, entries["A"].UpdatedBy));
        Assert.Equal((2, "import"), (entries["B"].Version, entries["B"].UpdatedBy));
        Assert.Equal(1, entries["C"].Version);

        Assert.Equal(0, await store.ImportAsync([(ConfigKind.Station, "A", """{"Station":"A"}""")], "import", None));
        Assert.Equal(before + 1, await store.RevisionAsync(None));
    }

    [Fact]
    public async Task Seeding_writes_an_item_only_when_the_settings_changed_it_and_never_one_made_at_runtime()
    {
        var store = Store();
        Assert.Equal(2, await store.SeedAsync([Seed("A", """{"v":1}"""), Seed("B", """{"v":1}""")], "settings", None));

        // An admin edits A and deletes B, and creates C; the settings still say what they said.
        await store.PutAsync(ConfigKind.Station, "A", """{"v":"admin"}""", 1, "admin", None);
        await store.DeleteAsync(ConfigKind.Station, "B", 1, "admin", None);
        await store.PutAsync(ConfigKind.Station, "C", """{"v":"runtime"}""", 0, "admin", None);
        var revision = await store.RevisionAsync(None);
        Assert.Equal(0, await store.SeedAsync([Seed("A", """{"v":1}"""), Seed("B", """{"v":1}"""), Seed("C", """{"v":"settings"}""")], "settings", None));
        Assert.Equal(revision, await store.RevisionAsync(None));
        Assert.Equal("""{"v":"admin"}""", (await store.GetAsync(ConfigKind.Station, "A", None))!.Json);
        Assert.Null(await store.GetAsync(ConfigKind.Station, "B", None));
        Assert.Equal("""{"v":"runtime"}""", (await store.GetAsync(ConfigKind.Station, "C", None))!.Json);

        // The settings change A (and C, still the runtime's): A's settings win, at the next version.
        Assert.Equal(1, await Store().SeedAsync([Seed("A", """{"v":2}"""), Seed("C", """{"v":"settings 2"}""")], "settings", None));
        var a = await store.GetAsync(ConfigKind.Station, "A", None);
        Assert.Equal(("""{"v":2}""", 3L, "settings"), (a!.Json, a.Version, a.UpdatedBy));
        Assert.Equal("""{"v":"runtime"}""", (await store.GetAsync(ConfigKind.Station, "C", None))!.Json);
    }

    [Fact]
    public async Task An_empty_file_is_migrated_to_the_newest_schema()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        await System.IO.File.WriteAllBytesAsync(File, []);

        var store = Store();
        await store.InitializeAsync(None);

        Assert.Equal(SqliteConfigStore.Migrations.Count, await UserVersionAsync());
        Assert.Equal(0, await store.RevisionAsync(None));
        await store.PutAsync(ConfigKind.Park, "P", """{"Id":"P"}""", 0, "admin", None);
        // Migrating again (another start) runs no step twice and keeps the data.
        await Store().InitializeAsync(None);
        Assert.Equal(1, await Store().RevisionAsync(None));
    }

    [Fact]
    public async Task A_file_of_a_newer_schema_is_refused_naming_the_file()
    {
        await Store().InitializeAsync(None);
        await using (var connection = new SqliteConnection($"Data Source={File};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {SqliteConfigStore.Migrations.Count + 1};";
            await command.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Store().RevisionAsync(None));
        Assert.Contains(File, refused.Message, StringComparison.Ordinal);
        Assert.Contains("newer", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_store_is_refused_naming_the_file()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        await System.IO.File.WriteAllTextAsync(File, new string('x', 4096));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Store().InitializeAsync(None));

        Assert.Contains(File, refused.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be opened", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Of_two_writers_with_the_same_expected_version_exactly_one_wins()
    {
        await Store().PutAsync(ConfigKind.Gateway, "gw-1", """{"Gateway":"gw-1"}""", 0, "admin", None);
        for (var round = 1; round <= 5; round++)
        {
            // Two stores: two connections, as two hosts on one file.
            var (first, second) = (Store(), Store());
            var expected = round;
            using var start = new Barrier(2);
            var writes = new[] { first, second }.Select((store, i) => Task.Run(async () =>
            {
                start.SignalAndWait();
                try
                {
                    await store.PutAsync(ConfigKind.Gateway, "gw-1", $$"""{"Gateway":"gw-1","Name":"writer {{i}} round {{expected}}"}""", expected, $"writer-{i}", None);
                    return true;
                }
                catch (ConfigConflictException e)
                {
                    Assert.Equal(expected + 1, e.Current!.Version);
                    return false;
                }
            })).ToArray();

            var won = await Task.WhenAll(writes);
            Assert.Equal(1, won.Count(w => w));
            var now = await Store().GetAsync(ConfigKind.Gateway, "gw-1", None);
            Assert.Equal(expected + 1, now!.Version);
            Assert.Equal($"writer-{Array.IndexOf(won, true)}", now.UpdatedBy);
        }
    }

    [Fact]
    public async Task The_file_is_readable_by_this_account_only()
    {
        await Store().PutAsync(ConfigKind.User, "alice", """{"Name":"alice","PasswordHash":"pbkdf2..."}""", 0, "admin", None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(File));
        foreach (var companion in new[] { File + "-wal", File + "-shm" }.Where(System.IO.File.Exists))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(companion));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private static ConfigSeed Seed(string id, string json) => new(ConfigKind.Station, id, json, "hash of " + json);

    private SqliteConfigStore Store() => new(File, _time);

    private async Task<long> UserVersionAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
