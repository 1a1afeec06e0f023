namespace EnvMonitoring.Cloud.Config;

/// <summary>
/// Where the configuration lives while the host runs: SQLite embedded (<see cref="SqliteConfigStore"/>),
/// PostgreSQL when several hosts share it. Every change bumps one store-wide <see cref="RevisionAsync"/>,
/// which a host polls to learn that another host (or an import) changed something.
/// </summary>
public interface IConfigStore
{
    /// <summary>Creates the schema or migrates it to the newest; safe to call again.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Grows with every change; 0 for a store never written.</summary>
    Task<long> RevisionAsync(CancellationToken cancellationToken);

    /// <summary>Every item of a kind, ordered by id (ordinal).</summary>
    Task<IReadOnlyList<ConfigEntry>> ListAsync(ConfigKind kind, CancellationToken cancellationToken);

    Task<ConfigEntry?> GetAsync(ConfigKind kind, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Creates (<paramref name="expectedVersion"/> 0: the item must not exist) or replaces (the item
    /// must be at <paramref name="expectedVersion"/>) an item; returns it at its new version.
    /// </summary>
    /// <exception cref="ConfigConflictException">The item is not at <paramref name="expectedVersion"/>.</exception>
    Task<ConfigEntry> PutAsync(ConfigKind kind, string id, string json, long expectedVersion, string by, CancellationToken cancellationToken);

    /// <summary>Deletes an item that is at <paramref name="expectedVersion"/>.</summary>
    /// <exception cref="ConfigConflictException">The item does not exist or is at another version.</exception>
    Task DeleteAsync(ConfigKind kind, string id, long expectedVersion, string by, CancellationToken cancellationToken);

    /// <summary>
    /// Writes many items in one transaction, each created or replaced whatever its version (an
    /// import, or the first start's seeding from the settings); returns how many changed.
    /// Items whose JSON is unchanged keep their version.
    /// </summary>
    Task<int> ImportAsync(IReadOnlyList<(ConfigKind Kind, string Id, string Json)> items, string by, CancellationToken cancellationToken);

    /// <summary>
    /// Imports what the settings say, in one transaction, without undoing runtime changes: an item
    /// is written only when its <see cref="ConfigSeed.Fingerprint"/> differs from the one last
    /// seeded (the settings' version of it changed) and it was not created at runtime (it exists,
    /// never seeded). A seeded item an admin edited or deleted stays so until the settings change
    /// it. Returns how many items changed; unchanged JSON keeps its version.
    /// </summary>
    Task<int> SeedAsync(IReadOnlyList<ConfigSeed> items, string by, CancellationToken cancellationToken);
}
