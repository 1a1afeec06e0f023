namespace EnvMonitoring.Cloud.Config;

/// <summary>
/// One write transaction on a store's database, holding the store's write lock from its start to
/// its end, so the reads it makes still hold when it writes: the primitives
/// <see cref="TransactionalConfigStore"/> states every write's rules with. Disposed uncommitted, it rolls back.
/// </summary>
internal interface IConfigTransaction : IAsyncDisposable
{
    Task<ConfigEntry?> GetAsync(ConfigKind kind, string id, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the item <paramref name="entry"/> names.</summary>
    Task WriteAsync(ConfigEntry entry, CancellationToken cancellationToken);

    Task RemoveAsync(ConfigKind kind, string id, CancellationToken cancellationToken);

    /// <summary>The fingerprint the item was last seeded with, or null when it never was.</summary>
    Task<string?> SeededAsync(ConfigKind kind, string id, CancellationToken cancellationToken);

    Task MarkSeededAsync(ConfigKind kind, string id, string fingerprint, CancellationToken cancellationToken);

    Task BumpRevisionAsync(CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
