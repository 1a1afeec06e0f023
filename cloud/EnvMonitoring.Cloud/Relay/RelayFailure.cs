namespace EnvMonitoring.Cloud.Relay;

/// <summary>Why an upload failed; all are retried, but the last three need a person and raise a health problem at once.</summary>
public enum RelayFailure
{
    /// <summary>The server did not answer, or the connection broke: waiting is all it takes.</summary>
    Unreachable,

    /// <summary>The server answered with something unexpected.</summary>
    Protocol,

    /// <summary>The server refused the credentials (or its host key or certificate was not the one configured).</summary>
    Credentials,

    /// <summary>The server refused to create the folder or write, rename the file (a read-only folder).</summary>
    Permission,

    /// <summary>The server's disk or quota is full.</summary>
    Full,
}
