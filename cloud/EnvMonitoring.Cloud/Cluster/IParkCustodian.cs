namespace EnvMonitoring.Cloud.Cluster;

/// <summary>Takes up a park when this instance gains its lease, hands it over before the lease goes.</summary>
public interface IParkCustodian
{
    Task TakeUpAsync(string park, CancellationToken cancellationToken);

    /// <summary><paramref name="leaseLost"/>: the lease was lost rather than given up: stop at once, flush nothing to shared stores.</summary>
    Task HandOverAsync(string park, bool leaseLost, CancellationToken cancellationToken);
}
