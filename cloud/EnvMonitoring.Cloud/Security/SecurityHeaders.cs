namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// The response headers that make the browser part of the defence (docs/security.md, "HTTP"): a
/// content security policy that allows only the host's own scripts, styles and connections (no
/// inline script or style, no framing, no plugins) and images from the host or the sources the
/// composition names (the map's tile server), no MIME sniffing, no referrer sent elsewhere.
/// Kestrel's <c>Server</c> header is off (<see cref="SecurityRegistration"/>).
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The policy, with images also allowed from <paramref name="imageSources"/> (CSP sources such as <c>https://tile.openstreetmap.org</c>).</summary>
    public static string ContentSecurityPolicy(IReadOnlyCollection<string> imageSources)
    {
        ArgumentNullException.ThrowIfNull(imageSources);
        // A source with a separator would smuggle a directive into the header.
        var bad = imageSources.FirstOrDefault(source => source.Any(c => c is ';' or ',' or '\'' || char.IsWhiteSpace(c) || char.IsControl(c)));
        if (bad is not null)
        {
            throw new ArgumentException($"Not a content security policy source: '{bad}'", nameof(imageSources));
        }

        return "default-src 'self'; script-src 'self'; style-src 'self'; " +
            $"img-src {string.Join(' ', ["'self'", "data:", .. imageSources])}; connect-src 'self'; " +
            "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IReadOnlyCollection<string> imageSources)
    {
        var policy = ContentSecurityPolicy(imageSources);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
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
}
