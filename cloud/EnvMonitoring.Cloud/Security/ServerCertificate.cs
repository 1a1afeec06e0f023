using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Security;

/// <summary>The HTTPS listener's certificate, loaded once from <see cref="HttpsOptions"/> when Kestrel binds; disposed with the host.</summary>
internal sealed class ServerCertificate(IOptions<HttpsOptions> options) : IDisposable
{
    public X509Certificate2 Certificate { get; } = options.Value.LoadCertificate(HttpsOptions.Section);

    public void Dispose() => Certificate.Dispose();
}
