using System.Security.Cryptography.X509Certificates;
using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Protocol.Tests.Security;

/// <summary><c>certificates DIR NAME…</c>, what <c>./envmon run</c> calls on every start.</summary>
public sealed class CertificatesCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"envmon-certs-{Guid.NewGuid():N}");

    [Fact]
    public void Makes_the_ca_and_a_certificate_per_name_once_with_owner_only_keys()
    {
        var output = new StringWriter();
        Assert.Equal(0, CertificatesCommand.Run([_directory, "cloud", "yb-gw-01"], output, TextWriter.Null));

        foreach (var name in new[] { "ca", "cloud", "yb-gw-01" })
        {
            Assert.True(File.Exists(Path.Combine(_directory, $"{name}.crt")), name);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, $"{name}.key")));
            }
        }

        using var ca = TrustedCa.Load(Path.Combine(_directory, "ca.crt"), "test");
        using var cloud = new TlsCertificateFile { CertificatePath = Path.Combine(_directory, "cloud.crt"), KeyPath = Path.Combine(_directory, "cloud.key") }.LoadCertificate("test");
        Assert.True(cloud.HasPrivateKey);
        Assert.True(ca.Accepts(cloud, null, System.Net.Security.SslPolicyErrors.None, checkName: true, out var reason), reason);
        // The name is a host name too: docker-compose.yml's services are reached by it (cloud, yb-gw-01).
        Assert.Contains("cloud", cloud.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()));
        Assert.Contains("127.0.0.1", cloud.GetNameInfo(X509NameType.DnsName, false) + string.Join(",", cloud.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateIPAddresses()).Select(a => a.ToString())), StringComparison.Ordinal);

        // A second start changes nothing: the gateways and nodes keep trusting the same CA.
        var before = File.ReadAllText(Path.Combine(_directory, "ca.crt"));
        var again = new StringWriter();
        Assert.Equal(0, CertificatesCommand.Run([_directory, "cloud", "yb-gw-01"], again, TextWriter.Null));
        Assert.Equal(before, File.ReadAllText(Path.Combine(_directory, "ca.crt")));
        Assert.Equal("", again.ToString());
    }

    [Fact]
    public void Refuses_names_that_would_leave_the_directory()
    {
        var error = new StringWriter();
        Assert.Equal(2, CertificatesCommand.Run([_directory, "../escape"], TextWriter.Null, error));
        Assert.Contains("usage", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
