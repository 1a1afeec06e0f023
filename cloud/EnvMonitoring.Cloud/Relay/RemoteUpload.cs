namespace EnvMonitoring.Cloud.Relay;

/// <summary>
/// How one file reaches a server so that the destination never sees it half written: it is written
/// under a temporary name (<c>{name}.part</c>, which no receiver polling <c>*.txt</c> picks up) and
/// renamed to its final name when complete. A file already there under its final name with the same
/// content (the host stopped after the rename, before it struck the file off) is not sent again.
/// </summary>
internal static class RemoteUpload
{
    public const string TempSuffix = ".part";

    /// <returns>False when the identical file was already there and nothing was sent.</returns>
    public static async Task<bool> SendAsync(IRelayTransport transport, RelayFile file, CancellationToken cancellationToken)
    {
        if (file.Directory.Length > 0)
        {
            await transport.EnsureDirectoryAsync(file.Directory, cancellationToken);
        }

        if (await transport.TryGetSizeAsync(file.RemotePath, cancellationToken) == file.Content.Length &&
            (await transport.ReadAsync(file.RemotePath, cancellationToken)).AsSpan().SequenceEqual(file.Content))
        {
            return false;
        }

        var temp = file.RemotePath + TempSuffix;
        await transport.WriteAsync(temp, file.Content, cancellationToken);
        await transport.RenameAsync(temp, file.RemotePath, cancellationToken);
        return true;
    }
}
