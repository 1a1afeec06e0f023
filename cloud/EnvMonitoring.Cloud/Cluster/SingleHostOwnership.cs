using EnvMonitoring.Cloud.Stations;

namespace EnvMonitoring.Cloud.Cluster;

/// <summary>One host judges every park of the registry, from the start; no custodian is called.</summary>
public sealed class SingleHostOwnership(StationRegistry registry) : IParkOwnership
{
    public bool Shared => false;

    public IReadOnlyCollection<string> Owned => registry.Parks;

    public string InstanceId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    public bool Owns(string park) => true;

    public event Action? Changed
    {
        add { }
        remove { }
    }
}
