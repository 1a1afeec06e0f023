using System.Globalization;
using System.Text;

namespace EnvMonitoring.Testing;

/// <summary>
/// A private MQTT broker (Debian's <c>mosquitto</c> 2.0) on a free loopback port with its own temp
/// directory, for tests that need a real, separately running broker: outages, restarts,
/// persistent sessions.
/// </summary>
public sealed class MosquittoServer : IAsyncDisposable
{
    private const string DebianPath = "/usr/sbin/mosquitto";
    private const string PasswdPath = "/usr/bin/mosquitto_passwd";

    private const string InstallHint =
        "run `./envmon test` (it installs Debian's mosquitto) or `apt-get install -y mosquitto`";

    private readonly ServerProcess _process;
    private bool _disposed;

    private MosquittoServer(string binary, string directory, int port, MosquittoOptions options)
    {
        DataDirectory = directory;
        Port = port;
        Options = options;
        if (options.Tls)
        {
            Certificates = TestCertificates.Create();
            TlsPort = FreePort.Next();
        }

        ConfigPath = Path.Combine(directory, "mosquitto.conf");
        PersistenceDirectory = options.Persistence ? Path.Combine(directory, "persistence") : null;
        _process = new ServerProcess(
            $"mosquitto ({ConfigPath})",
            binary,
            ["-c", ConfigPath],
            directory,
            async ct => await FreePort.AcceptsConnectionsAsync(Port, ct) && (TlsPort is not { } tls || await FreePort.AcceptsConnectionsAsync(tls, ct)),
            $"accept TCP connections on {Host}:{port}{(TlsPort is { } tls ? $" and {tls}" : "")}");
    }

    /// <summary>The address the broker listens on: always 127.0.0.1.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The MQTT (plain TCP) port.</summary>
    public int Port { get; }

    /// <summary>The MQTTS port when <see cref="MosquittoOptions.Tls"/> is on, else null.</summary>
    public int? TlsPort { get; }

    /// <summary>
    /// With <see cref="MosquittoOptions.Tls"/>: the CA that signed the MQTTS listener's certificate
    /// (<see cref="TestCertificates.CaPath"/>) and one that did not (<see cref="TestCertificates.OtherCaPath"/>); else null.
    /// </summary>
    public TestCertificates? Certificates { get; }

    /// <summary>The options the broker was configured with.</summary>
    public MosquittoOptions Options { get; }

    /// <summary>The private temp directory holding the config (and persistence); deleted on dispose.</summary>
    public string DataDirectory { get; }

    /// <summary>The generated <c>mosquitto.conf</c>.</summary>
    public string ConfigPath { get; }

    /// <summary>Where the broker saves <c>mosquitto.db</c>, or null without persistence.</summary>
    public string? PersistenceDirectory { get; }

    /// <summary>Whether mosquitto is running.</summary>
    public bool IsRunning => _process.IsRunning;

    /// <summary>The mosquitto process id while it runs (it changes on restart), else null.</summary>
    public int? ProcessId => _process.ProcessId;

    /// <summary>The last lines mosquitto logged across all its runs (starts and restarts), marked by run.</summary>
    public string OutputTail => _process.OutputTail;

    /// <summary>Starts a fresh broker and waits until its port accepts TCP connections (at most 30 s).</summary>
    /// <exception cref="InvalidOperationException">mosquitto is not installed, or it exited during start-up.</exception>
    /// <exception cref="TimeoutException">It did not listen in time (and was killed).</exception>
    public static async Task<MosquittoServer> StartAsync(MosquittoOptions? options = null, CancellationToken ct = default)
    {
        options ??= new MosquittoOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxQueuedMessages);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxInflightMessages);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.AutosaveInterval, TimeSpan.FromSeconds(1));
        ArgumentNullException.ThrowIfNull(options.ExtraConfigLines);

        var binary = ServerBinary.Resolve("mosquitto", DebianPath, InstallHint);
        var directory = Directory.CreateTempSubdirectory("envmon-mosquitto-").FullName;
        var server = new MosquittoServer(binary, directory, FreePort.Next(), options);
        try
        {
            if (server.PersistenceDirectory is not null)
            {
                Directory.CreateDirectory(server.PersistenceDirectory);
            }

            if (options.Clients is { } clients)
            {
                await server.WriteIdentitiesAsync(clients, ct);
            }

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

    /// <summary>
    /// Stops the broker gracefully (SIGTERM; a persistent broker saves its state) and waits for it
    /// to exit; a no-op when stopped. Clients see their connection drop, as in a broker outage.
    /// </summary>
    /// <exception cref="TimeoutException">It ignored SIGTERM for 30 s and was killed.</exception>
    public Task StopAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _process.StopAsync(ct);
    }

    /// <summary>
    /// Stops the broker gracefully if it runs, then starts it again on the same port and directory.
    /// Also ends an outage begun with <see cref="StopAsync"/> or <see cref="KillAsync"/>.
    /// </summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _process.StopAsync(ct);
        await _process.StartAsync(ct);
    }

    /// <summary>Kills the broker (SIGKILL, whole process tree) and waits for it to exit: a crash.</summary>
    public Task KillAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _process.KillAsync(ct);
    }

    /// <summary>
    /// Sends a signal to the running broker, e.g. <see cref="ChildProcess.SigStop"/> to make it hang
    /// with its connections open and <see cref="ChildProcess.SigCont"/> to resume it.
    /// </summary>
    public void SendSignal(int signal)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _process.SendSignal(signal);
    }

    /// <summary>Kills the process tree, waits for it to exit and deletes <see cref="DataDirectory"/>.</summary>
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
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }

            Certificates?.Dispose();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"mosquitto at mqtt://{Host}:{Port}{(TlsPort is { } tls ? $" and mqtts://{Host}:{tls}" : "")} in {DataDirectory}";

    private string PasswordPath => Path.Combine(DataDirectory, "passwd");

    private string AclPath => Path.Combine(DataDirectory, "acl");

    /// <summary>The password file (hashed in place by <c>mosquitto_passwd -U</c>, as <c>./envmon run</c> does) and the ACL.</summary>
    private async Task WriteIdentitiesAsync(IReadOnlyList<TestBrokerClient> clients, CancellationToken ct)
    {
        await File.WriteAllLinesAsync(PasswordPath, clients.Select(c => $"{c.Username}:{c.Password}"), ct);
        using var hash = ChildProcess.Start(ServerBinary.Resolve("mosquitto_passwd", PasswdPath, InstallHint), ["-U", PasswordPath], DataDirectory);
        await hash.WaitForExitAsync(TimeSpan.FromSeconds(30), ct);
        if (hash.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_passwd -U {PasswordPath} exited with {hash.ExitCode}:\n{hash.OutputTail}");
        }

        await File.WriteAllTextAsync(AclPath, MosquittoAcl.For(clients), ct);
    }

    private string Config()
    {
        var config = new StringBuilder();
        config.AppendLine("# Generated by EnvMonitoring.Testing.MosquittoServer for one test fixture.");
        if (Environment.IsPrivilegedProcess)
        {
            // Started as root, mosquitto 2.0 drops to the `mosquitto` user after reading this file
            // and binding; it then cannot save into our root-owned 0700 temp directory, logs
            // "Error saving in-memory database ... Permission denied" and still exits 0. Staying
            // root is what a test wants (mosquitto logs a warning about it).
            config.AppendLine("user root");
        }

        // Global settings (mosquitto's default per_listener_settings false): the same on both listeners.
        if (Options.Clients is null)
        {
            config.AppendLine("allow_anonymous true");
        }
        else
        {
            config.AppendLine("allow_anonymous false");
            config.AppendLine(CultureInfo.InvariantCulture, $"password_file {PasswordPath}");
            config.AppendLine(CultureInfo.InvariantCulture, $"acl_file {AclPath}");
        }
        config.AppendLine(CultureInfo.InvariantCulture, $"listener {Port} {Host}");
        if (Certificates is { } tls)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"listener {TlsPort} {Host}");
            config.AppendLine(CultureInfo.InvariantCulture, $"certfile {tls.ServerCertificatePath}");
            config.AppendLine(CultureInfo.InvariantCulture, $"keyfile {tls.ServerKeyPath}");
        }

        config.AppendLine("set_tcp_nodelay true");
        // 0 means "no limit" for both in mosquitto 2.0.
        config.AppendLine(CultureInfo.InvariantCulture, $"max_queued_messages {Options.MaxQueuedMessages}");
        config.AppendLine(CultureInfo.InvariantCulture, $"max_inflight_messages {Options.MaxInflightMessages}");
        if (PersistenceDirectory is null)
        {
            config.AppendLine("persistence false");
        }
        else
        {
            config.AppendLine("persistence true");
            // mosquitto 2.0 appends the '/' itself (1.x needed it written here).
            config.AppendLine(CultureInfo.InvariantCulture, $"persistence_location {PersistenceDirectory}");
            config.AppendLine("persistence_file mosquitto.db");
            config.AppendLine(CultureInfo.InvariantCulture, $"autosave_interval {(int)Math.Ceiling(Options.AutosaveInterval.TotalSeconds)}");
        }

        config.AppendLine("log_dest stderr");
        config.AppendLine("log_type error");
        config.AppendLine("log_type warning");
        config.AppendLine("log_type notice");
        config.AppendLine("log_type information");
        config.AppendLine("log_timestamp_format %Y-%m-%dT%H:%M:%S");
        foreach (var line in Options.ExtraConfigLines)
        {
            config.AppendLine(line);
        }

        return config.ToString();
    }
}
