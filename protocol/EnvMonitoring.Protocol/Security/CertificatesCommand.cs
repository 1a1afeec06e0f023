using System.Net;

namespace EnvMonitoring.Protocol.Security;

/// <summary>
/// <c>certificates DIRECTORY NAME…</c>: makes the private CA (<c>ca.crt</c>, <c>ca.key</c>) and a
/// server certificate per name (<c>NAME.crt</c>, <c>NAME.key</c>) for 127.0.0.1, ::1, localhost and
/// the name itself as a host name (docker-compose.yml names each listener's service so), each only
/// when missing. Keys are written with mode 0600. <c>./envmon run</c> calls it on every start.
/// </summary>
public static class CertificatesCommand
{
    public const string Name = "certificates";

    private static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650);
    private static readonly TimeSpan ServerValidity = TimeSpan.FromDays(825);

    /// <summary>Runs the command; returns the process exit code.</summary>
    /// <param name="args">The arguments after the command name: the directory, then the certificate names.</param>
    /// <param name="output">Where the paths written go.</param>
    /// <param name="error">Where usage and failures go.</param>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count < 1 || args.Skip(1).Any(n => n.Length == 0 || n.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' and not '.') || n.StartsWith('.')))
        {
            error.WriteLine($"usage: {Name} DIRECTORY [NAME…]   (names: letters, digits, '-', '_', '.')");
            return 2;
        }

        var directory = args[0];
        Directory.CreateDirectory(directory);
        var caCertificate = Path.Combine(directory, "ca.crt");
        var caKey = Path.Combine(directory, "ca.key");
        if (!File.Exists(caCertificate) || !File.Exists(caKey))
        {
            using var created = CertificateAuthority.Create("EnvMonitoring private CA", CaValidity);
            CertificateAuthority.WritePem(created.Certificate, caCertificate, caKey);
            output.WriteLine(caCertificate);
        }

        using var ca = CertificateAuthority.Load(caCertificate, caKey);
        foreach (var name in args.Skip(1))
        {
            var certificate = Path.Combine(directory, $"{name}.crt");
            var key = Path.Combine(directory, $"{name}.key");
            if (File.Exists(certificate) && File.Exists(key))
            {
                continue;
            }

            using var issued = ca.IssueServer(name, ["localhost", name], [IPAddress.Loopback, IPAddress.IPv6Loopback], ServerValidity);
            CertificateAuthority.WritePem(issued, certificate, key);
            output.WriteLine(certificate);
        }

        return 0;
    }
}
