namespace EnvMonitoring.Cloud.Config;

/// <summary>
/// A write named a version that is no longer the item's: another change came first. Carries the
/// item as it is now (null when it was deleted, or does not exist), to show the writer what changed.
/// </summary>
public sealed class ConfigConflictException(ConfigKind kind, string id, long expectedVersion, ConfigEntry? current)
    : Exception(current is null
        ? $"{kind} {id} does not exist (expected version {expectedVersion})."
        : expectedVersion == 0
            ? $"{kind} {id} exists already (version {current.Version}, changed by {current.UpdatedBy} at {current.UpdatedAt:O})."
            : $"{kind} {id} is at version {current.Version}, not {expectedVersion}: changed by {current.UpdatedBy} at {current.UpdatedAt:O}.")
{
    public ConfigKind Kind { get; } = kind;

    public string Id { get; } = id;

    public long ExpectedVersion { get; } = expectedVersion;

    public ConfigEntry? Current { get; } = current;
}
