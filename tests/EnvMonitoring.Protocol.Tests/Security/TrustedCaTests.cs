using System.Net;
using System.Net.Security;
using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Protocol.Tests.Security;

/// <summary>The client side of TLS on every hop: a peer is trusted only through the one configured CA.</summary>
public sealed class TrustedCaTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public void Accepts_a_server_certificate_the_ca_signed()
    {
        using var authority = CertificateAuthority.Create("Test CA", Day);
        using var server = authority.IssueServer("localhost", ["localhost"], [IPAddress.Loopback], Day);
        using var ca = TrustedCa.From(authority.Certificate);

        Assert.True(ca.Accepts(server, null, SslPolicyErrors.None, checkName: true, out var reason), reason);
        // The system store's verdict (it does not know the private CA) plays no part.
        Assert.True(ca.Accepts(server, null, SslPolicyErrors.RemoteCertificateChainErrors, checkName: true, out reason), reason);
    }

    [Fact]
    public void Refuses_a_certificate_from_another_ca_and_names_both()
    {
        using var authority = CertificateAuthority.Create("Test CA", Day);
        using var other = CertificateAuthority.Create("Unrelated CA", Day);
        using var server = other.IssueServer("localhost", ["localhost"], [IPAddress.Loopback], Day);
        using var ca = TrustedCa.From(authority.Certificate);

        Assert.False(ca.Accepts(server, null, SslPolicyErrors.None, checkName: true, out var reason));
        Assert.Contains("does not chain to the configured CA (CN=Test CA)", reason, StringComparison.Ordinal);
        Assert.Contains("issued by CN=Unrelated CA", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_self_signed_certificate_even_when_it_is_a_ca()
    {
        using var authority = CertificateAuthority.Create("Test CA", Day);
        using var impostor = CertificateAuthority.Create("Test CA", Day);
        using var ca = TrustedCa.From(authority.Certificate);

        Assert.False(ca.Accepts(impostor.Certificate, null, SslPolicyErrors.None, checkName: true, out _));
    }

    [Fact]
    public void Refuses_a_name_mismatch_for_servers_but_not_for_client_certificates()
    {
        using var authority = CertificateAuthority.Create("Test CA", Day);
        using var server = authority.IssueServer("other-host", ["other-host"], [], Day);
        using var ca = TrustedCa.From(authority.Certificate);

        Assert.False(ca.Accepts(server, null, SslPolicyErrors.RemoteCertificateNameMismatch, checkName: true, out var reason));
        Assert.Contains("not issued for the host connected to", reason, StringComparison.Ordinal);
        Assert.True(ca.Accepts(server, null, SslPolicyErrors.RemoteCertificateNameMismatch, checkName: false, out _));
    }

    [Fact]
    public void Refuses_a_missing_certificate()
    {
        using var authority = CertificateAuthority.Create("Test CA", Day);
        using var ca = TrustedCa.From(authority.Certificate);

        Assert.False(ca.Accepts(null, null, SslPolicyErrors.RemoteCertificateNotAvailable, checkName: true, out var reason));
        Assert.Contains("no certificate", reason, StringComparison.Ordinal);
    }
}
