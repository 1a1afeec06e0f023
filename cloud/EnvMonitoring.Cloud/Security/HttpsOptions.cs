using System.ComponentModel.DataAnnotations;
using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// The <c>Https</c> section: the certificate of every <c>https://</c> address in <c>Urls</c> (the
/// same three settings, and the same loader, as the broker's <c>Broker:Tls</c>), and how long browsers
/// keep to HTTPS once told (<c>Strict-Transport-Security</c>). HTTPS is on while an https address is configured
/// (<see cref="HttpsEndpoints"/>); docs/security.md, "HTTPS".
/// </summary>
public sealed class HttpsOptions : TlsCertificateFile
{
    public const string Section = "Https";

    /// <summary>
    /// <c>max-age</c> of the <c>Strict-Transport-Security</c> header sent on HTTPS responses: for this
    /// long after its last visit a browser reaches the host over HTTPS only, and refuses to click
    /// through a certificate error. Renew the certificate before it expires.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "730.00:00:00")]
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}
