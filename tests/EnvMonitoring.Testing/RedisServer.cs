using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EnvMonitoring.Testing;

/// <summary>
/// A private Redis (Debian's <c>redis-server</c> 7.0) on a free loopback port with its own temp
/// directory and config, for the cluster's leases and backplane. Secured as production should be:
/// bound to 127.0.0.1 only, a password (<c>requirepass</c>, random per server) and, by default,
/// TLS only (a certificate signed by a private <see cref="TestCertificates"/> CA; no plain port).
/// Nothing is persisted: a restart starts empty, as a crashed Redis without persistence would.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string DebianPath = "/usr/bin/redis-server";

    private const string InstallHint =
        "run `./envmon test` (it installs Debian's redis-server) or `apt-get install -y redis-server`";

    private readonly ServerProcess _process;
    private readonly TestCertificates? _certificates;
    private bool _disposed;

    private RedisServer(string binary, string directory, int port, bool tls)
    {
        DataDirectory = directory;
        Port = port;
        ConfigPath = Path.Combine(directory, "redis.conf");
        Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _certificates = tls ? TestCertificates.Create() : null;
        _process = new ServerProcess(
            $"redis-server ({ConfigPath})",
            binary,
            [ConfigPath],
            directory,
            ct => FreePort.AcceptsConnectionsAsync(Port, ct),
            $"accept TCP connections on {Host}:{port}");
    }

    /// <summary>The address the server listens on: always 127.0.0.1.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The port: TLS when <see cref="Tls"/>, else plain RESP.</summary>
    public int Port { get; }

    public bool Tls => _certificates is not null;

    /// <summary>The <c>requirepass</c> password, random for this server.</summary>
    public string Password { get; }

    /// <summary>The CA that signed the server's certificate (PEM), for the client to trust; null without TLS.</summary>
    public string? CaCertificatePath => _certificates?.CaPath;

    /// <summary>
    /// The StackExchange.Redis configuration string: endpoint, TLS (checked against the name
    /// <c>localhost</c> in the certificate) and password. The client must also trust
    /// <see cref="CaCertificatePath"/> (the cluster's <c>RedisCaCertificate</c> option).
    /// </summary>
    public string ConfigurationString =>
        $"{Host}:{Port}{(Tls ? ",ssl=true,sslHost=localhost" : "")},password={Password}";

    /// <summary>The private temp directory (0700: the config holds the password) holding the config; deleted on dispose.</summary>
    public string DataDirectory { get; }

    /// <summary>The generated <c>redis.conf</c>.</summary>
    public string ConfigPath { get; }

    public bool IsRunning => _process.IsRunning;

    /// <summary>The last lines redis-server logged across all its runs.</summary>
    public string OutputTail => _process.OutputTail;

    /// <summary>Starts a fresh server and waits until its port accepts TCP connections (at most 30 s).</summary>
    /// <param name="tls">TLS only (default), or plain RESP with the password, for a test about Redis itself rather than its transport.</param>
    /// <param name="ct">Cancels the start-up.</param>
    /// <exception cref="InvalidOperationException">redis-server is not installed, or it exited during start-up.</exception>
    public static async Task<RedisServer> StartAsync(bool tls = true, CancellationToken ct = default)
    {
        var binary = ServerBinary.Resolve("redis-server", DebianPath, InstallHint);
        var directory = Directory.CreateTempSubdirectory("envmon-redis-").FullName;
        var server = new RedisServer(binary, directory, FreePort.Next(), tls);
        try
        {
            await File.WriteAllTextAsync(server.ConfigPath, server.Config(), ct);
            await server._process.StartAsync(ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server gracefully (SIGTERM) and waits for it to exit: clients see an outage.</summary>
    public Task StopAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _process.StopAsync(ct);
    }

    /// <summary>Stops the server if it runs and starts it again, empty, on the same port.</summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _process.StopAsync(ct);
        await _process.StartAsync(ct);
    }

    /// <summary>
    /// Sends a signal to the running server, e.g. <see cref="ChildProcess.SigStop"/> to make it hang
    /// with its connections open and <see cref="ChildProcess.SigCont"/> to resume it.
    /// </summary>
    public void SendSignal(int signal)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _process.SendSignal(signal);
    }

    /// <summary>Kills the server, waits for it to exit and deletes <see cref="DataDirectory"/> and the certificates.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await _process.KillAsync(CancellationToken.None);
        }
        finally
        {
            _certificates?.Dispose();
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"redis-server at {Host}:{Port}{(Tls ? " (TLS)" : "")} in {DataDirectory}";

    private string Config()
    {
        var config = new StringBuilder();
        config.AppendLine("# Generated by EnvMonitoring.Testing.RedisServer for one test fixture.");
        config.AppendLine(CultureInfo.InvariantCulture, $"bind {Host}");
        config.AppendLine("protected-mode yes");
        if (_certificates is { } tls)
        {
            // TLS only: no plain port at all.
            config.AppendLine("port 0");
            config.AppendLine(CultureInfo.InvariantCulture, $"tls-port {Port}");
            config.AppendLine(CultureInfo.InvariantCulture, $"tls-cert-file {tls.ServerCertificatePath}");
            config.AppendLine(CultureInfo.InvariantCulture, $"tls-key-file {tls.ServerKeyPath}");
            config.AppendLine(CultureInfo.InvariantCulture, $"tls-ca-cert-file {tls.CaPath}");
            // Clients prove who they are with the password; client certificates are not asked for.
            config.AppendLine("tls-auth-clients no");
        }
        else
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"port {Port}");
        }

        config.AppendLine(CultureInfo.InvariantCulture, $"requirepass {Password}");
        config.AppendLine(CultureInfo.InvariantCulture, $"dir {DataDirectory}");
        config.AppendLine("save \"\"");
        config.AppendLine("appendonly no");
        config.AppendLine("daemonize no");
        config.AppendLine("logfile \"\"");
        config.AppendLine("loglevel notice");
        return config.ToString();
    }
}
