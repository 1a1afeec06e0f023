namespace EnvMonitoring.Cloud.Relay;

/// <summary>
/// One session with a destination's server (FTP, FTPS or SFTP). Each call throws
/// <see cref="RelayTransportException"/> on failure; <see cref="RemoteUpload"/> builds the
/// temporary-name-then-rename upload on these steps.
/// </summary>
internal interface IRelayTransport : IAsyncDisposable
{
    /// <summary>Creates <paramref name="directory"/> and its parents where missing.</summary>
    Task EnsureDirectoryAsync(string directory, CancellationToken cancellationToken);

    /// <summary>The size of the file at <paramref name="path"/>, or null when there is none.</summary>
    Task<long?> TryGetSizeAsync(string path, CancellationToken cancellationToken);

    /// <summary>The content of the file at <paramref name="path"/>.</summary>
    Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="content"/> as <paramref name="path"/>, replacing a file of that name.</summary>
    Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken);

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/>, replacing a file of that name.</summary>
    Task RenameAsync(string from, string to, CancellationToken cancellationToken);
}
