using EnvMonitoring.Cloud.Config;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Cloud.Tests.Config;

/// <summary>
/// What every <see cref="IConfigStore"/> does, asserted on each real database (SQLite, PostgreSQL):
/// versions, conflicts, the revision, import, seeding, and two writers racing on one item.
/// </summary>
public abstract class ConfigStoreContractTests : IAsyncLifetime
{
    protected static readonly CancellationToken None = CancellationToken.None;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    /// <summary>How many rounds two writers race for one item.</summary>
    protected virtual int RacingRounds => 5;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_replace_and_delete_move_the_version_and_the_revision()
    {
        var store = Store();
        Assert.Equal(0, await store.RevisionAsync(None));

        var created = await store.PutAsync(ConfigKind.Station, "S-1", """{"Station":"S-1"}""", 0, "alice", None);
        Assert.Equal(1, created.Version);
        Assert.Equal("alice", created.UpdatedBy);
        Assert.Equal(Time.GetUtcNow(), created.UpdatedAt);
        Time.Advance(TimeSpan.FromMinutes(1));
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

        // A new store on the same database reads what was written.
        Assert.Equal(4, await Store().RevisionAsync(None));
        Assert.NotNull(await Store().GetAsync(ConfigKind.Park, "S-1", None));
    }

    [Fact]
    public async Task The_entry_a_write_returns_is_the_one_a_read_gets_to_the_microsecond()
    {
        // 123 ticks past the minute: 12.3 µs, finer than PostgreSQL keeps.
        Time.Advance(TimeSpan.FromTicks(123));
        var store = Store();

        var written = await store.PutAsync(ConfigKind.Park, "P", """{"Id":"P"}""", 0, "admin", None);

        Assert.Equal(Time.GetUtcNow().AddTicks(-3), written.UpdatedAt);
        Assert.Equal(written, await Store().GetAsync(ConfigKind.Park, "P", None));
        Assert.Equal(written, Assert.Single(await Store().ListAsync(ConfigKind.Park, None)));
    }

    [Fact]
    public async Task Items_are_listed_in_ordinal_order_of_their_ids()
    {
        var store = Store();
        string[] ids = ["b", "B", "a-2", "a10", "a2", "Ä", "😀", "\uFF21"];
        foreach (var id in ids)
        {
            await store.PutAsync(ConfigKind.Station, id, "{}", 0, "admin", None);
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), (await store.ListAsync(ConfigKind.Station, None)).Select(e => e.Id));
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
    public async Task An_import_that_fails_part_way_writes_nothing()
    {
        var store = Store();
        await store.PutAsync(ConfigKind.Station, "A", """{"Station":"A"}""", 0, "admin", None);
        var revision = await store.RevisionAsync(None);

        await Assert.ThrowsAsync<ArgumentException>(() => store.ImportAsync(
            [(ConfigKind.Station, "A", """{"Station":"A","Name":"new"}"""), (ConfigKind.Station, "B", "{}"), (ConfigKind.Station, "", "{}")], "import", None));

        Assert.Equal("""{"Station":"A"}""", (await store.GetAsync(ConfigKind.Station, "A", None))!.Json);
        Assert.Null(await store.GetAsync(ConfigKind.Station, "B", None));
        Assert.Equal(revision, await store.RevisionAsync(None));
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
    public async Task Of_two_writers_with_the_same_expected_version_exactly_one_wins()
    {
        await Store().PutAsync(ConfigKind.Gateway, "gw-1", """{"Gateway":"gw-1"}""", 0, "admin", None);
        // Two stores: two connections, as two hosts on one database.
        var (first, second) = (Store(), Store());
        for (var round = 1; round <= RacingRounds; round++)
        {
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

        // One revision per write that won, none for those refused.
        Assert.Equal(1 + RacingRounds, await Store().RevisionAsync(None));
    }

    /// <summary>A new store on the test's database each call: another start of the host, or another host.</summary>
    protected abstract IConfigStore Store();

    private static ConfigSeed Seed(string id, string json) => new(ConfigKind.Station, id, json, "hash of " + json);
}
