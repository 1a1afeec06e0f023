namespace EnvMonitoring.Cloud.Cluster;

/// <summary>Why a held lease was lost rather than given up.</summary>
public enum LeaseLoss
{
    /// <summary>The lease had expired when its renewal reached Redis.</summary>
    Expired,

    /// <summary>Another instance holds the lease: it had expired and was taken.</summary>
    Taken,

    /// <summary>Redis did not answer for so long that the lease may expire before the next renewal.</summary>
    Unreachable,
}
