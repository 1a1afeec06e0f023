using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace EnvMonitoring.Cloud.Relay;

/// <summary>
/// An SFTP session (SSH.NET) with a destination: key or password authentication, the server's host
/// key pinned (<see cref="RelayDestinationOptions.HostKeySha256"/>), one connection per session.
/// </summary>
internal sealed class SftpTransport : IRelayTransport
{
    private readonly SftpClient _client;
    private readonly string _destination;
    private readonly HashSet<string> _ensured = new(StringComparer.Ordinal);

    private SftpTransport(SftpClient client, string destination)
    {
        _client = client;
        _destination = destination;
    }

    public static async Task<SftpTransport> ConnectAsync(RelayDestinationOptions options, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var methods = new List<AuthenticationMethod>();
        if (options.PrivateKeyPath is { Length: > 0 } keyPath)
        {
            methods.Add(new PrivateKeyAuthenticationMethod(options.User, new PrivateKeyFile(keyPath)));
        }

        if (options.Password is { Length: > 0 } password)
        {
            methods.Add(new PasswordAuthenticationMethod(options.User, password));
        }

        var connection = new Renci.SshNet.ConnectionInfo(options.Host, options.EffectivePort, options.User, [.. methods]) { Timeout = timeout };
        var client = new SftpClient(connection) { OperationTimeout = timeout };
        var expected = options.HostKeySha256!["SHA256:".Length..].TrimEnd('=');
        var hostKeyRefused = false;
        client.HostKeyReceived += (_, e) =>
        {
            e.CanTrust = string.Equals(e.FingerPrintSHA256.TrimEnd('='), expected, StringComparison.Ordinal);
            hostKeyRefused = !e.CanTrust;
        };
        try
        {
            await client.ConnectAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
            return new SftpTransport(client, options.Name);
        }
        catch (Exception e) when (e is SshException or SocketException or TimeoutException or IOException)
        {
            client.Dispose();
            throw hostKeyRefused
                ? new RelayTransportException(RelayFailure.Credentials, $"{options.Name}: the server's host key is not {options.HostKeySha256} (Relay HostKeySha256)", e)
                : Translate(options.Name, "connecting", e);
        }
    }

    public async Task EnsureDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        if (_ensured.Contains(directory))
        {
            return; // made or found earlier in this session
        }

        var path = directory.StartsWith('/') ? "" : ".";
        foreach (var part in directory.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path = path + "/" + part;
            if (!await RunAsync("checking folder " + path, () => _client.ExistsAsync(path, cancellationToken)))
            {
                await RunAsync("creating folder " + path, () => _client.CreateDirectoryAsync(path, cancellationToken));
            }
        }

        _ensured.Add(directory);
    }

    public async Task<long?> TryGetSizeAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var attributes = await _client.GetAttributesAsync(path, cancellationToken);
            return attributes.Size;
        }
        catch (SftpPathNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is SshException or SocketException or IOException)
        {
            throw Translate(_destination, "reading the size of " + path, e);
        }
    }

    public async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        await RunAsync("reading " + path, () => _client.DownloadFileAsync(path, content, cancellationToken));
        return content.ToArray();
    }

    public async Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content, writable: false);
        await RunAsync("writing " + path, () => _client.UploadFileAsync(stream, path, cancellationToken));
    }

    public Task RenameAsync(string from, string to, CancellationToken cancellationToken) =>
        // The POSIX rename (posix-rename@openssh.com) replaces a file of the final name in one step,
        // as a correction needs; SSH.NET offers it only synchronously.
        RunAsync("renaming " + from, () =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            _client.RenameFile(from, to, isPosix: true);
            return Task.CompletedTask;
        });

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task RunAsync(string what, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is SshException or SocketException or IOException)
        {
            throw Translate(_destination, what, e);
        }
    }

    private async Task<T> RunAsync<T>(string what, Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (Exception e) when (e is SshException or SocketException or IOException)
        {
            throw Translate(_destination, what, e);
        }
    }

    private static RelayTransportException Translate(string destination, string what, Exception e)
    {
        var failure = e switch
        {
            SshAuthenticationException => RelayFailure.Credentials,
            SftpPermissionDeniedException => RelayFailure.Permission,
            SftpException sftp when sftp.Message.Contains("space", StringComparison.OrdinalIgnoreCase) || sftp.Message.Contains("quota", StringComparison.OrdinalIgnoreCase) => RelayFailure.Full,
            SftpException => RelayFailure.Protocol,
            _ => RelayFailure.Unreachable,
        };
        return new RelayTransportException(failure, $"{destination}: {what} failed: {e.Message}", e);
    }
}
