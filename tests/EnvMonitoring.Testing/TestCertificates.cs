using System.Net;
using System.Security.Cryptography;
using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Testing;

/// <summary>
/// A private CA and a server certificate it signs for 127.0.0.1/localhost, plus a second, unrelated CA
/// (the "wrong CA"), as PEM files in a temporary folder made for the test. Nothing is committed.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(2);

    private TestCertificates(string directory)
    {
        Directory = directory;
        using var ca = CertificateAuthority.Create("EnvMonitoring test CA", Validity);
        CertificateAuthority.WritePem(ca.Certificate, CaPath, Path.Combine(directory, "ca.key"));
        using (var server = ca.IssueServer("localhost", ["localhost"], [IPAddress.Loopback], Validity))
        {
            CertificateAuthority.WritePem(server, ServerCertificatePath, ServerKeyPath);
            ServerSpkiSha256 = Convert.ToBase64String(SHA256.HashData(server.PublicKey.ExportSubjectPublicKeyInfo()));
        }

        using (var client = ca.IssueClient("test-client", Validity))
        {
            CertificateAuthority.WritePem(client, ClientCertificatePath, ClientKeyPath);
        }

        using var other = CertificateAuthority.Create("Unrelated CA", Validity);
        CertificateAuthority.WritePem(other.Certificate, OtherCaPath, Path.Combine(directory, "other-ca.key"));
    }

    public string Directory { get; }

    /// <summary>The CA that signed the server and client certificates.</summary>
    public string CaPath => Path.Combine(Directory, "ca.crt");

    /// <summary>A CA that signed nothing here: a client trusting it must refuse the server.</summary>
    public string OtherCaPath => Path.Combine(Directory, "other-ca.crt");

    public string ServerCertificatePath => Path.Combine(Directory, "server.crt");

    public string ServerKeyPath => Path.Combine(Directory, "server.key");

    /// <summary>
    /// Base64 SHA-256 of the server certificate's public key (its SubjectPublicKeyInfo): what
    /// Chromium's <c>--ignore-certificate-errors-spki-list</c> pins, so the browser accepts exactly this certificate.
    /// </summary>
    public string ServerSpkiSha256 { get; }

    public string ClientCertificatePath => Path.Combine(Directory, "client.crt");

    public string ClientKeyPath => Path.Combine(Directory, "client.key");

    public static TestCertificates Create() => new(System.IO.Directory.CreateTempSubdirectory("envmon-tls-").FullName);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
