namespace EnvMonitoring.Cloud.Relay;

/// <summary>How files reach a destination.</summary>
public enum RelayProtocol
{
    /// <summary>SFTP (SSH), the server's host key pinned.</summary>
    Sftp,

    /// <summary>FTP with explicit TLS (AUTH TLS), passive mode.</summary>
    Ftps,

    /// <summary>Plain FTP, passive mode: credentials and data in clear text, only with <see cref="RelayDestinationOptions.AllowPlainFtp"/>.</summary>
    Ftp,
}
