namespace EnvMonitoring.Cloud.Config;

/// <summary>
/// The rules of every write, said once for each database the store runs on (SQLite, PostgreSQL):
/// versions, conflicts, the revision, imports and seeding. A database supplies its reads and a write
/// transaction (<see cref="IConfigTransaction"/>) that serialises writers; this class decides what
/// the transaction writes.
/// </summary>
public abstract class TransactionalConfigStore : IConfigStore
{
    private readonly TimeProvider _time;

    private protected TransactionalConfigStore(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    public abstract Task InitializeAsync(CancellationToken cancellationToken);

    public abstract Task<long> RevisionAsync(CancellationToken cancellationToken);

    public abstract Task<ConfigEntry?> GetAsync(ConfigKind kind, string id, CancellationToken cancellationToken);

    public async Task<IReadOnlyList<ConfigEntry>> ListAsync(ConfigKind kind, CancellationToken cancellationToken)
    {
        var entries = await ReadAllAsync(kind, cancellationToken);
        // Ordered here, not by the database's collation: ids compare as .NET's ordinal everywhere else.
        entries.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return entries;
    }

    public async Task<ConfigEntry> PutAsync(ConfigKind kind, string id, string json, long expectedVersion, string by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(json);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        await using var transaction = await BeginWriteAsync(cancellationToken);
        var current = await transaction.GetAsync(kind, id, cancellationToken);
        if ((current?.Version ?? 0) != expectedVersion)
        {
            throw new ConfigConflictException(kind, id, expectedVersion, current);
        }

        var written = Entry(kind, id, json, expectedVersion + 1, by);
        await transaction.WriteAsync(written, cancellationToken);
        await transaction.BumpRevisionAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    public async Task DeleteAsync(ConfigKind kind, string id, long expectedVersion, string by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await using var transaction = await BeginWriteAsync(cancellationToken);
        var current = await transaction.GetAsync(kind, id, cancellationToken);
        if (current is null || current.Version != expectedVersion)
        {
            throw new ConfigConflictException(kind, id, expectedVersion, current);
        }

        await transaction.RemoveAsync(kind, id, cancellationToken);
        await transaction.BumpRevisionAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> ImportAsync(IReadOnlyList<(ConfigKind Kind, string Id, string Json)> items, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        await using var transaction = await BeginWriteAsync(cancellationToken);
        var changed = 0;
        foreach (var (kind, id, json) in items)
        {
            ArgumentException.ThrowIfNullOrEmpty(id);
            if (await WriteIfChangedAsync(transaction, await transaction.GetAsync(kind, id, cancellationToken), kind, id, json, by, cancellationToken))
            {
                changed++;
            }
        }

        await EndAsync(transaction, changed, cancellationToken);
        return changed;
    }

    public async Task<int> SeedAsync(IReadOnlyList<ConfigSeed> items, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        await using var transaction = await BeginWriteAsync(cancellationToken);
        var changed = 0;
        foreach (var item in items)
        {
            ArgumentException.ThrowIfNullOrEmpty(item.Id);
            var seeded = await transaction.SeededAsync(item.Kind, item.Id, cancellationToken);
            if (seeded == item.Fingerprint)
            {
                // The settings say what they said at the last import: the store's version (perhaps an admin's edit, or a deletion) stands.
                continue;
            }

            var current = await transaction.GetAsync(item.Kind, item.Id, cancellationToken);
            if (seeded is null && current is not null)
            {
                // Created at runtime (or imported), never from the settings: seeding does not touch it.
                continue;
            }

            if (await WriteIfChangedAsync(transaction, current, item.Kind, item.Id, item.Json, by, cancellationToken))
            {
                changed++;
            }

            await transaction.MarkSeededAsync(item.Kind, item.Id, item.Fingerprint, cancellationToken);
        }

        await EndAsync(transaction, changed, cancellationToken);
        return changed;
    }

    /// <summary>The refusal of a store whose schema a newer build migrated: this build would misread it.</summary>
    private protected static InvalidOperationException NewerSchema(string store, long ran, int known) =>
        new($"The configuration store {store} has schema version {ran}, newer than this build knows ({known}): run a newer EnvMonitoring.");

    /// <summary>The refusal of a store that cannot be opened, naming it (never with a password) and the setting that names it.</summary>
    private protected static InvalidOperationException CannotOpen(string store, string setting, Exception e) =>
        new($"The configuration store {store} cannot be opened ({setting}): {e.Message}", e);

    /// <summary>Every item of a kind, in any order.</summary>
    private protected abstract Task<List<ConfigEntry>> ReadAllAsync(ConfigKind kind, CancellationToken cancellationToken);

    /// <summary>Begins a write transaction that holds the store's write lock: writers of every host serialise at its start.</summary>
    private protected abstract Task<IConfigTransaction> BeginWriteAsync(CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="json"/> at the next version unless the item already holds it: unchanged JSON keeps its version.</summary>
    private async Task<bool> WriteIfChangedAsync(
        IConfigTransaction transaction, ConfigEntry? current, ConfigKind kind, string id, string json, string by, CancellationToken cancellationToken)
    {
        if (current?.Json == json)
        {
            return false;
        }

        await transaction.WriteAsync(Entry(kind, id, json, (current?.Version ?? 0) + 1, by), cancellationToken);
        return true;
    }

    /// <summary>Commits a batch, moving the revision once when anything changed and not at all otherwise.</summary>
    private static async Task EndAsync(IConfigTransaction transaction, int changed, CancellationToken cancellationToken)
    {
        if (changed > 0)
        {
            await transaction.BumpRevisionAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// An item as written now. The time is cut to whole microseconds, the finest PostgreSQL keeps, so
    /// the entry a write returns equals the one a later read gets, on every database.
    /// </summary>
    private ConfigEntry Entry(ConfigKind kind, string id, string json, long version, string by)
    {
        var now = _time.GetUtcNow();
        return new ConfigEntry(kind, id, version, json, now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond)), by);
    }
}
