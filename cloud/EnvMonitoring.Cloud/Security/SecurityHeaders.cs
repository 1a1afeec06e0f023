namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// The response headers that make the browser part of the defence (docs/security.md, "HTTP"): a
/// content security policy that allows only the host's own scripts, styles and connections (no
/// inline script or style, no framing, no plugins), no MIME sniffing, no referrer sent elsewhere.
/// Kestrel's <c>Server</c> header is off (<see cref="SecurityRegistration"/>).
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(context);
    });
}
