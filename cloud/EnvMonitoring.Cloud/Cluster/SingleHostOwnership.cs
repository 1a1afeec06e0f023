using EnvMonitoring.Cloud.Stations;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Cluster;

/// <summary>
/// A host alone (no <see cref="ClusterOptions.Redis"/>): it owns every park of the registry, as it
/// always did. No custodian is called: the host's single-host start-up takes everything up itself.
/// </summary>
internal sealed class SingleHostOwnership(StationRegistry registry, IOptions<ClusterOptions> options) : IParkOwnership
{
    /// <summary>Never raised: alone, the host's parks are the registry's.</summary>
    public event Action? Changed
    {
        add { }
        remove { }
    }

    public bool Shared => false;

    public string InstanceId => options.Value.InstanceId;

    public IReadOnlyCollection<string> Owned => registry.Parks;

    /// <summary>Alone, the host judges whatever reaches it, a park not (or no longer) in the registry included.</summary>
    public bool Owns(string park) => true;
}
