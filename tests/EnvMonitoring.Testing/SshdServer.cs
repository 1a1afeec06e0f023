using System.Diagnostics;
using System.Globalization;

namespace EnvMonitoring.Testing;

/// <summary>
/// A private SFTP server (Debian's <c>openssh-server</c>: <c>sshd -D -e</c> with
/// <c>internal-sftp</c>) on a free loopback port with its own config, host key and
/// <c>authorized_keys</c> in a temp folder, started as an ordinary process, never the system
/// service. It lets in the user running the tests with <see cref="PrivateKeyPath"/> once
/// <see cref="Authorize"/>d; <see cref="ReadOnly"/> serves SFTP read-only (<c>internal-sftp -R</c>),
/// a server that refuses every write whoever runs it. SFTP operations are logged to its output
/// (<c>-l INFO</c>), read back with <see cref="SftpLog"/>.
/// </summary>
public sealed class SshdServer : IAsyncDisposable
{
    private const string DebianPath = "/usr/sbin/sshd";
    private const string InstallHint = "run `./envmon test` (it installs Debian's openssh-server) or `apt-get install -y openssh-server`";

    private readonly string _binary;
    private ServerProcess? _process;

    private SshdServer(string binary, string home, int port)
    {
        _binary = binary;
        Home = home;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The server's private temp folder; deleted on dispose.</summary>
    public string Home { get; }

    /// <summary>The account the server lets in: the one running the tests (an unprivileged sshd can let in no other).</summary>
    public string User { get; } = Environment.UserName;

    /// <summary>Where the client's files go, as an absolute path (the server runs on this machine).</summary>
    public string Root => Path.Combine(Home, "files");

    /// <summary>The client's key (OpenSSH format), let in once <see cref="Authorize"/>d.</summary>
    public string PrivateKeyPath => Path.Combine(Home, "client");

    /// <summary>The host key's fingerprint as <c>ssh-keygen -lf</c> prints it (<c>SHA256:…</c>).</summary>
    public string HostKeySha256 { get; private set; } = "";

    public bool ReadOnly { get; private set; }

    /// <summary>Everything the server logged (SFTP operations included) across its runs.</summary>
    public string SftpLog => _process?.OutputTail ?? "";

    private string ConfigPath => Path.Combine(Home, "sshd_config");

    private string AuthorizedKeys => Path.Combine(Home, "authorized_keys");

    /// <summary>Starts a server; <paramref name="authorized"/> false leaves <c>authorized_keys</c> empty, so the client's key is refused until <see cref="Authorize"/>.</summary>
    public static async Task<SshdServer> StartAsync(bool authorized = true, bool readOnly = false, CancellationToken ct = default)
    {
        var binary = ServerBinary.Resolve("sshd", DebianPath, InstallHint);
        var home = Directory.CreateTempSubdirectory("envmon-sshd-").FullName;
        var server = new SshdServer(binary, home, FreePort.Next()) { ReadOnly = readOnly };
        try
        {
            Directory.CreateDirectory(server.Root);
            await KeygenAsync(Path.Combine(home, "host"), ct);
            await KeygenAsync(server.PrivateKeyPath, ct);
            server.HostKeySha256 = (await RunAsync("ssh-keygen", ["-lf", Path.Combine(home, "host.pub")], ct)).Split(' ')[1];
            await File.WriteAllTextAsync(server.AuthorizedKeys, "", ct);
            if (authorized)
            {
                server.Authorize();
            }

            if (Environment.UserName == "root" && !Directory.Exists("/run/sshd"))
            {
                // sshd started by root insists on its privilege-separation folder, which the service
                // manager makes at boot on a system that runs the service; an unprivileged sshd needs none.
                Directory.CreateDirectory("/run/sshd");
            }

            await server.StartProcessAsync(ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Lets the client's key in (sshd reads <c>authorized_keys</c> at each connection).</summary>
    public void Authorize() => File.WriteAllText(AuthorizedKeys, File.ReadAllText(PrivateKeyPath + ".pub"));

    /// <summary>Restarts the server serving SFTP read-only or read-write.</summary>
    public async Task SetReadOnlyAsync(bool readOnly, CancellationToken ct = default)
    {
        ReadOnly = readOnly;
        await StopAsync(ct);
        await StartProcessAsync(ct);
    }

    /// <summary>Stops the server (SIGTERM): an outage; sessions under way end with it.</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        if (_process is not null)
        {
            await _process.StopAsync(ct);
        }
    }

    /// <summary>Starts it again, same port, keys and files.</summary>
    public Task StartAgainAsync(CancellationToken ct = default) => _process!.StartAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync(CancellationToken.None);
        }

        if (Directory.Exists(Home))
        {
            Directory.Delete(Home, recursive: true);
        }
    }

    private async Task StartProcessAsync(CancellationToken ct)
    {
        await File.WriteAllTextAsync(ConfigPath, Config(), ct);
        // One process object across restarts keeps the whole log (SftpLog) of every run.
        _process ??= new ServerProcess($"sshd ({ConfigPath})", _binary, ["-D", "-e", "-f", ConfigPath], Home, c => FreePort.AcceptsConnectionsAsync(Port, c), $"accept TCP connections on 127.0.0.1:{Port}");
        await _process.StartAsync(ct);
    }

    private string Config() => string.Join('\n',
        "ListenAddress 127.0.0.1",
        $"Port {Port.ToString(CultureInfo.InvariantCulture)}",
        $"HostKey {Path.Combine(Home, "host")}",
        $"PidFile {Path.Combine(Home, "sshd.pid")}",
        $"AuthorizedKeysFile {AuthorizedKeys}",
        "UsePAM no",
        "StrictModes no",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PubkeyAuthentication yes",
        "PermitRootLogin prohibit-password",
        "LogLevel INFO",
        $"Subsystem sftp internal-sftp -l INFO{(ReadOnly ? " -R" : "")}") + "\n";

    private static Task KeygenAsync(string path, CancellationToken ct) => RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "envmon-test", "-f", path], ct);

    private static async Task<string> RunAsync(string program, string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        var error = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
    }
}
