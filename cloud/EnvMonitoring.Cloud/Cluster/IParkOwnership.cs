namespace EnvMonitoring.Cloud.Cluster;

/// <summary>Which parks this instance judges.</summary>
public interface IParkOwnership
{
    /// <summary>Several instances share the parks: each takes up only the parks it is given (<see cref="IParkCustodian"/>).</summary>
    bool Shared { get; }

    bool Owns(string park);

    IReadOnlyCollection<string> Owned { get; }

    string InstanceId { get; }

    event Action? Changed;
}
