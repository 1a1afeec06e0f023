using EnvMonitoring.Cloud.Audit;
using EnvMonitoring.Cloud.Broker;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Admin;

/// <summary>
/// Brings the host in line with the configuration store: the stations (resolved against the
/// regulation library, with their parks' names) into the <see cref="StationRegistry"/>, the users
/// into the <see cref="UserDirectory"/> (sessions of changed users end at once, the difference is
/// audited), the gateways into every <see cref="IGatewayCredentials"/>. Each kind is taken whole or
/// refused whole: a station that does not resolve keeps the registry as it is, and is logged by
/// name. Applies run one at a time and only when the store's revision moved since the last one.
/// </summary>
internal sealed class ConfigApplier(
    IConfigStore store,
    StationRegistry registry,
    RegulationLibrary library,
    SampleCodec codec,
    UserDirectory users,
    SessionStore sessions,
    AuditLog audit,
    IEnumerable<IGatewayCredentials> gateways,
    ILogger<ConfigApplier> logger) : IConfigApplier
{
    /// <summary>The audit log's user for changes the configuration made (not a signed-in person).</summary>
    public const string AuditUser = "configuration";

    private readonly SemaphoreSlim _applying = new(1, 1);
    /// <summary>The store's revision last applied (refused parts included); null before the first apply. Read and written under <see cref="_applying"/>.</summary>
    private long? _applied;

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        await _applying.WaitAsync(cancellationToken);
        try
        {
            // Read before the items: a write landing in between is applied now and again at the next revision, never missed.
            var revision = await store.RevisionAsync(cancellationToken);
            if (revision == _applied)
            {
                return;
            }

            ApplyStations(revision, await store.ListAsync(ConfigKind.Park, cancellationToken), await store.ListAsync(ConfigKind.Station, cancellationToken));
            ApplyUsers(revision, await store.ListAsync(ConfigKind.User, cancellationToken), first: _applied is null);
            ApplyGateways(revision, await store.ListAsync(ConfigKind.Gateway, cancellationToken));
            _applied = revision;
        }
        finally
        {
            _applying.Release();
        }
    }

    private void ApplyStations(long revision, IReadOnlyList<ConfigEntry> parkEntries, IReadOnlyList<ConfigEntry> stationEntries)
    {
        var errors = new List<string>();
        var parks = Read(parkEntries, ConfigDocuments.Park, errors);
        var definitions = Read(stationEntries, ConfigDocuments.Station, errors);
        StationRegistry resolved;
        try
        {
            if (errors.Count > 0)
            {
                throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
            }

            resolved = StationRegistry.Build(definitions, parks, library, codec.Catalog, RuleSettings.Default);
        }
        catch (InvalidOperationException e)
        {
            AdminLog.StationsRefused(logger, revision, e.Message);
            return;
        }

        var changes = registry.Replace(resolved.All);
        if (!changes.IsEmpty)
        {
            AdminLog.StationsApplied(logger, revision, resolved.All.Count, Names(changes.Added), Names(changes.Changed), Names(changes.Removed));
        }
    }

    private void ApplyUsers(long revision, IReadOnlyList<ConfigEntry> entries, bool first)
    {
        var errors = new List<string>();
        var list = Read(entries, ConfigDocuments.User, errors);
        UserChanges changes;
        try
        {
            if (errors.Count > 0)
            {
                throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
            }

            changes = users.Replace(list);
        }
        catch (InvalidOperationException e)
        {
            AdminLog.UsersRefused(logger, revision, e.Message);
            return;
        }

        if (changes.IsEmpty)
        {
            return;
        }

        // At once, not at the keeper's next sweep: the sessions of changed users end before the write is answered.
        var ended = sessions.Sweep();
        AdminLog.UsersApplied(logger, revision, users.Count, changes.ToString(), ended);
        if (!first)
        {
            // The first apply is the host starting with the store's users, not a change.
            audit.Record(AuditAction.UsersChanged, AuditUser, null, detail: $"{changes}; {ended} session(s) ended");
        }
    }

    private void ApplyGateways(long revision, IReadOnlyList<ConfigEntry> entries)
    {
        var errors = new List<string>();
        var list = Read(entries, ConfigDocuments.Gateway, errors);
        try
        {
            if (errors.Count > 0)
            {
                throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
            }

            foreach (var credentials in gateways)
            {
                credentials.Replace(list);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or OptionsValidationException)
        {
            AdminLog.GatewaysRefused(logger, revision, e.Message);
        }
    }

    /// <summary>Each entry's definition; one that does not read is named in <paramref name="errors"/>.</summary>
    private static List<T> Read<T>(IReadOnlyList<ConfigEntry> entries, Func<ConfigEntry, T> read, List<string> errors)
    {
        var definitions = new List<T>(entries.Count);
        foreach (var entry in entries)
        {
            try
            {
                definitions.Add(read(entry));
            }
            catch (InvalidDataException e)
            {
                errors.Add(e.Message);
            }
        }

        return definitions;
    }

    private static string Names(IReadOnlyList<RegisteredStation> stations) =>
        stations.Count == 0 ? "none" : string.Join(", ", stations.Take(20).Select(s => s.Station)) + (stations.Count > 20 ? $" and {stations.Count - 20} more" : "");
}
