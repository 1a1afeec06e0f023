using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EnvMonitoring.Testing;

/// <summary>
/// A private FTP server (Debian's <c>vsftpd</c>) on a free loopback port with its own config and
/// folder, started as an ordinary process (<c>run_as_launching_user</c>, never the system service):
/// an anonymous drop whose <see cref="RemoteDirectory"/> accepts uploads, folders and renames, as a
/// receiving system's drop does. With TLS it speaks explicit FTPS (AUTH TLS) with a self-signed
/// certificate made here (<see cref="CertificateSha256"/>). Anonymous because vsftpd checks local
/// users' passwords through PAM, which an unprivileged process cannot: credentials are tested with
/// <see cref="SshdServer"/>. Every transfer is logged to <see cref="TransferLog"/>.
/// </summary>
public sealed class VsftpdServer : IAsyncDisposable
{
    private const string DebianPath = "/usr/sbin/vsftpd";
    private const string InstallHint = "run `./envmon test` (it installs Debian's vsftpd) or `apt-get install -y vsftpd`";

    private readonly ServerProcess _process;

    private VsftpdServer(string binary, string directory, int port, bool tls)
    {
        Home = directory;
        Port = port;
        Tls = tls;
        ConfigPath = Path.Combine(directory, "vsftpd.conf");
        _process = new ServerProcess($"vsftpd ({ConfigPath})", binary, [ConfigPath], directory, ct => FreePort.AcceptsConnectionsAsync(Port, ct), $"accept TCP connections on 127.0.0.1:{port}");
    }

    public int Port { get; }

    public bool Tls { get; }

    public string ConfigPath { get; }

    /// <summary>The folder of uploads as the client names it (relative to the anonymous login folder).</summary>
    public string RemoteDirectory => "drop";

    /// <summary>Where uploads land on this machine.</summary>
    public string UploadDirectory => Path.Combine(Home, "root", RemoteDirectory);

    /// <summary>The SHA-256 (hex) of the server's certificate, with <see cref="Tls"/>; else null.</summary>
    public string? CertificateSha256 { get; private set; }

    /// <summary>vsftpd's transfer log (one line per upload, in order).</summary>
    public string TransferLog => Path.Combine(Home, "xfer.log");

    public bool IsRunning => _process.IsRunning;

    /// <summary>The server's private temp folder (config, certificate, served root); deleted on dispose.</summary>
    public string Home { get; }

    public static async Task<VsftpdServer> StartAsync(bool tls, CancellationToken ct = default)
    {
        var binary = ServerBinary.Resolve("vsftpd", DebianPath, InstallHint);
        var directory = Directory.CreateTempSubdirectory("envmon-vsftpd-").FullName;
        var server = new VsftpdServer(binary, directory, FreePort.Next(), tls);
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "empty"));
            Directory.CreateDirectory(server.UploadDirectory);
            if (!OperatingSystem.IsWindows())
            {
                // vsftpd refuses an anonymous root it may write to; the drop inside it is writable.
                File.SetUnixFileMode(Path.Combine(directory, "root"), UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }

            if (tls)
            {
                server.MakeCertificate();
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

    /// <summary>Stops the server (SIGTERM): an outage.</summary>
    public Task StopAsync(CancellationToken ct = default) => _process.StopAsync(ct);

    /// <summary>Starts it again on the same port and folder.</summary>
    public Task StartAgainAsync(CancellationToken ct = default) => _process.StartAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _process.KillAsync(CancellationToken.None);
        if (Directory.Exists(Home))
        {
            Directory.Delete(Home, recursive: true);
        }
    }

    private void MakeCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(Path.Combine(Home, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(Home, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        CertificateSha256 = Convert.ToHexString(SHA256.HashData(certificate.RawData));
    }

    private string Config()
    {
        var port = Port.ToString(CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            "listen=YES",
            "listen_ipv6=NO",
            "listen_address=127.0.0.1",
            $"listen_port={port}",
            "background=NO",
            "run_as_launching_user=YES",
            "seccomp_sandbox=NO",
            $"secure_chroot_dir={Path.Combine(Home, "empty")}",
            "anonymous_enable=YES",
            "no_anon_password=YES",
            "local_enable=NO",
            "write_enable=YES",
            "anon_upload_enable=YES",
            "anon_mkdir_write_enable=YES",
            "anon_other_write_enable=YES",
            "anon_umask=022",
            "chown_uploads=NO",
            $"anon_root={Path.Combine(Home, "root")}",
            "pasv_enable=YES",
            "pasv_address=127.0.0.1",
            "xferlog_enable=YES",
            "xferlog_std_format=YES",
            $"xferlog_file={TransferLog}",
        };
        if (Tls)
        {
            lines.AddRange([
                "ssl_enable=YES",
                "allow_anon_ssl=YES",
                "force_anon_logins_ssl=YES",
                "force_anon_data_ssl=YES",
                "require_ssl_reuse=NO",
                // .NET's FtpWebRequest ends a TLS data connection without close_notify; a vsftpd that
                // insists on one (Debian's default) answers 426 although the data arrived (docs/relay.md).
                "strict_ssl_read_eof=NO",
                "ssl_ciphers=HIGH",
                $"rsa_cert_file={Path.Combine(Home, "cert.pem")}",
                $"rsa_private_key_file={Path.Combine(Home, "key.pem")}",
            ]);
        }

        return string.Join('\n', lines) + "\n";
    }
}
