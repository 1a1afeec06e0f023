using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Testing;

/// <summary>
/// HTTP clients for a host served over HTTPS with a private CA, the way a careful client talks to
/// it: the server's certificate must chain to that CA alone (<see cref="TrustedCa"/>; the system's
/// roots play no part) and be issued for the host connected to. Nothing is ignored.
/// </summary>
public static class HttpsClient
{
    /// <summary>A handler trusting only the CA certificate at <paramref name="caPath"/>; redirects are not followed, so a test sees them.</summary>
    public static SocketsHttpHandler Handler(string caPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(caPath);
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
        {
            // Read at each handshake: the file may be made after the client (./envmon run makes it at start).
            using var ca = TrustedCa.Load(caPath, "the test's CA");
            return ca.Accepts(certificate, chain, errors, checkName: true, out string _);
        };
        return handler;
    }

    /// <summary>A client of <paramref name="baseAddress"/>: trusting only <paramref name="caPath"/> for https, or plain when it is null.</summary>
    public static HttpClient Create(Uri baseAddress, string? caPath, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        HttpMessageHandler handler = caPath is null ? new SocketsHttpHandler { AllowAutoRedirect = false } : Handler(caPath);
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(15) };
    }
}
