namespace EnvMonitoring.Cloud.Cluster;

/// <summary>Which parks this instance judges: all of them on a single host, its leased share in a cluster.</summary>
public interface IParkOwnership
{
    /// <summary>
    /// Several instances share the parks: each judges only the parks it takes up (<see cref="IParkCustodian"/>);
    /// false on a single host, which judges everything from the start.
    /// </summary>
    bool Shared { get; }

    /// <summary>True only between a successful take-up by every custodian and the start of the hand-over.</summary>
    bool Owns(string park);

    /// <summary>The parks <see cref="Owns"/> is true for, as one snapshot.</summary>
    IReadOnlyCollection<string> Owned { get; }

    /// <summary>This instance's name among the cluster's members (<see cref="ClusterOptions.InstanceId"/>).</summary>
    string InstanceId { get; }

    /// <summary>Raised after a park was taken up or handed over; handlers must return at once.</summary>
    event Action? Changed;
}
