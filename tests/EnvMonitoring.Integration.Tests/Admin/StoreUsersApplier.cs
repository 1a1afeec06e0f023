using System.Text.Json;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Integration.Tests.Admin;

/// <summary>
/// Stands in for the host's own applier of users while this branch has none: the users of the
/// configuration store (over the settings' users of the same name) become the host's users, and
/// sessions of changed users end, as the real applier does. Remove once the host registers its applier.
/// </summary>
internal sealed class StoreUsersApplier(IConfigStore store, UserDirectory users, SessionStore sessions, IOptions<SecurityOptions> options) : IConfigApplier
{
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var stored = (await store.ListAsync(ConfigKind.User, cancellationToken)).Select(e => JsonSerializer.Deserialize<UserDefinition>(e.Json, StationsFile.Options)!).ToList();
        users.Replace(options.Value.Users.Where(u => !stored.Exists(s => s.Name == u.Name)).Concat(stored));
        sessions.Sweep();
    }
}
