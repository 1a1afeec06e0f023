using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// HTTPS for the HTTP plane (docs/security.md, "HTTPS"). With an https address configured
/// (<see cref="HttpsEndpoints"/>): Kestrel serves it with the certificate of <see cref="HttpsOptions"/>,
/// HTTPS responses carry <c>Strict-Transport-Security</c>, and a request that arrives over plain
/// HTTP (a listener kept for people who type <c>http://</c>) is redirected to the HTTPS address.
/// Without one, nothing here runs and the host says at start that it serves plain HTTP.
/// </summary>
internal static class HttpsRegistration
{
    /// <summary>
    /// Host names that get no HSTS: a browser would then force HTTPS on every port of
    /// <c>localhost</c>, other local servers included. Browsers ignore HSTS for IP addresses anyway
    /// (RFC 6797 §8.1), so 127.0.0.1 and ::1 get the header like any name.
    /// </summary>
    private static readonly string[] NoHsts = ["localhost"];

    public static WebApplicationBuilder AddCloudHttps(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HttpsOptions>().BindConfiguration(HttpsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (!HttpsEndpoints.Configured(builder.Configuration))
        {
            return builder;
        }

        // Addresses of Urls take this certificate; a Kestrel:Endpoints entry may bring its own instead.
        if (HttpsEndpoints.InUrls(builder.Configuration) || !string.IsNullOrEmpty(builder.Configuration[$"{HttpsOptions.Section}:{nameof(HttpsOptions.CertificatePath)}"]))
        {
            builder.Services.AddSingleton<ServerCertificate>();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
                https.ServerCertificate = kestrel.ApplicationServices.GetRequiredService<ServerCertificate>().Certificate));
        }

        builder.Services.AddOptions<HstsOptions>().Configure<IOptions<HttpsOptions>>((hsts, https) =>
        {
            hsts.MaxAge = https.Value.HstsMaxAge;
            hsts.IncludeSubDomains = false;
            hsts.Preload = false;
            hsts.ExcludedHosts.Clear();
            foreach (var host in NoHsts)
            {
                hsts.ExcludedHosts.Add(host);
            }
        });
        // 307 keeps the method and body; the HTTPS port is the server's https address.
        builder.Services.AddHttpsRedirection(redirect => redirect.RedirectStatusCode = StatusCodes.Status307TemporaryRedirect);
        return builder;
    }

    public static WebApplication UseCloudHttps(this WebApplication app)
    {
        if (!HttpsEndpoints.Configured(app.Configuration))
        {
            SecurityLog.PlainHttp(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EnvMonitoring.Cloud.Security"));
            return app;
        }

        // HSTS only on HTTPS responses (the middleware checks); plain HTTP never reaches the app.
        app.UseHsts();
        app.UseHttpsRedirection();
        return app;
    }
}
