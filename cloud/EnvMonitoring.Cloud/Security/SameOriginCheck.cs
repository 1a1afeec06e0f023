namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// Cross-site request forgery: a browser sends the session cookie with any request to this host,
/// even one another site makes it send. Every state-changing request (not GET, HEAD or OPTIONS)
/// without HTTP Basic credentials must therefore come from this host's own pages: when the
/// browser says where it comes from (<c>Sec-Fetch-Site</c>, <c>Origin</c>; every current browser
/// sends them on such requests) that must be this origin, else 403. API clients with HTTP Basic are
/// exempt: a browser cannot attach those credentials across sites. SameSite=Strict on the cookie
/// is the second line.
/// </summary>
internal static class SameOriginCheck
{
    public static IApplicationBuilder UseSameOriginCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsSafe(context.Request) && !FromThisOrigin(context.Request))
        {
            SecurityLog.CrossSiteRefused(
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("EnvMonitoring.Cloud.Security"),
                context.Request.Method, context.Request.Path, context.Request.Headers.Origin.ToString(), context.Request.Headers["Sec-Fetch-Site"].ToString());
            await Results.Problem(
                "A state-changing request must come from this dashboard's own pages (Origin / Sec-Fetch-Site), or carry HTTP Basic credentials.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Cross-site request refused").ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    private static bool IsSafe(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) ||
        request.Headers.Authorization.ToString().StartsWith(BasicAuthenticationHandler.SchemeName + " ", StringComparison.OrdinalIgnoreCase);

    private static bool FromThisOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
