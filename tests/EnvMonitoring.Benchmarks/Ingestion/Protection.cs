using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using EnvMonitoring.Protocol.Security;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// What guards a run of (b) or (c). <see cref="Shipped"/> is the product as it ships: publishers
/// reach the cloud's MQTTS listener (a certificate from <see cref="TestCertificates"/>, checked
/// against that CA alone), each as its own broker identity with its ACL, and ingestion checks that
/// stored readings stay append-only. <see cref="Plaintext"/> takes all three away
/// (plaintext listener, the test-only anonymous switch, <c>Ingestion:AppendOnly=false</c>), to
/// measure what they cost.
/// </summary>
internal sealed class Protection : IDisposable
{
    private readonly TestCertificates? _certificates;

    private Protection(string summary, bool authenticated, bool tls, bool appendOnly)
    {
        Summary = summary;
        Authenticated = authenticated;
        AppendOnly = appendOnly;
        if (tls)
        {
            _certificates = TestCertificates.Create();
            Ca = TrustedCa.Load(_certificates.CaPath, "the benchmark's test CA");
        }
    }

    /// <summary>Said in the log and the JSON.</summary>
    public string Summary { get; }

    /// <summary>Each publisher connects as its own identity (authentication and ACL on); otherwise anonymously.</summary>
    public bool Authenticated { get; }

    /// <summary>Whether the host keeps its append-only check (the default) on.</summary>
    public bool AppendOnly { get; }

    /// <summary>The CA publishers check the host's MQTTS listener against; null when they use plaintext.</summary>
    public TrustedCa? Ca { get; }

    /// <summary>The host's server certificate, when its MQTTS listener is to be on.</summary>
    public TestCertificates? Certificates => _certificates;

    /// <summary>TLS, authentication with per-client identities and ACL, append-only check on.</summary>
    public static Protection Shipped() => new("TLS, authentication + ACL, append-only check", authenticated: true, tls: true, appendOnly: true);

    /// <summary>Plaintext, anonymous, append-only check off: for comparison only.</summary>
    public static Protection Plaintext() => new("plaintext, anonymous, append-only check off", authenticated: false, tls: false, appendOnly: false);

    /// <summary>
    /// The cluster run's (d): the stations publish plaintext and anonymous on the test mosquitto's
    /// (<c>MosquittoServer</c>) plain listener; the instances take the messages over its MQTTS
    /// listener (<c>Ingestion:Tls</c>, as shipped), with their append-only check on.
    /// </summary>
    public static Protection ExternalBroker() => new("stations to mosquitto plaintext, anonymous; mosquitto to the instances TLS; append-only check", authenticated: false, tls: false, appendOnly: true);

    /// <summary>Authentication and the append-only check but plaintext MQTT (the soak's set-up).</summary>
    public static Protection AuthenticatedPlaintext() => new("plaintext, authentication + ACL, append-only check", authenticated: true, tls: false, appendOnly: true);

    /// <summary>The host's settings this protection needs beyond its broker identities.</summary>
    public IEnumerable<string> HostEnvironment() => AppendOnly ? [] : ["Ingestion__AppendOnly=false"];

    /// <summary>The broker identities the host is started with: null (anonymous allowed) when not <see cref="Authenticated"/>.</summary>
    public IReadOnlyList<TestBrokerClient>? Clients(IEnumerable<TestBrokerClient> identities)
    {
        if (!Authenticated)
        {
            return null;
        }

        var clients = identities.ToList();
        // Each hash costs 100,000 PBKDF2 rounds; made on every core at once rather than one by one.
        Parallel.ForEach(clients, c => _ = c.PasswordHash);
        return clients;
    }

    /// <summary>The port publishers connect to: the MQTTS listener when TLS is on.</summary>
    public int PortOf(CloudHostProcess host) => Ca is null ? host.MqttPort : host.TlsPort;

    /// <summary>Whether the host's certificate is issued for the host connected to and chains to the test CA alone.</summary>
    public bool AcceptsServer(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (Ca is null)
        {
            return false;
        }

        if (Ca.Accepts(certificate, chain, errors, checkName: true, out var reason))
        {
            return true;
        }

        BenchLog.Step($"refusing the cloud host's certificate: {reason}");
        return false;
    }

    public void Dispose()
    {
        Ca?.Dispose();
        _certificates?.Dispose();
    }
}
