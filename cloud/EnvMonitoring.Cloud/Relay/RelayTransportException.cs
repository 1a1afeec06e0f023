namespace EnvMonitoring.Cloud.Relay;

/// <summary>An upload failed, and how (<see cref="Failure"/>); the message names the server's answer.</summary>
public sealed class RelayTransportException : Exception
{
    public RelayTransportException()
    {
    }

    public RelayTransportException(string message)
        : base(message)
    {
    }

    public RelayTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RelayTransportException(RelayFailure failure, string message, Exception? innerException = null)
        : base(message, innerException) => Failure = failure;

    public RelayFailure Failure { get; } = RelayFailure.Protocol;

    /// <summary>True when a person must act (credentials, permissions, a full disk), not just time.</summary>
    public bool NeedsAttention => Failure is RelayFailure.Credentials or RelayFailure.Permission or RelayFailure.Full;
}
