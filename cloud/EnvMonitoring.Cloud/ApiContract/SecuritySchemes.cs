using EnvMonitoring.Cloud.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EnvMonitoring.Cloud.ApiContract;

/// <summary>
/// The two ways to sign in (docs/security.md): the dashboard's session cookie, set by
/// <c>POST /api/auth/login</c>, and HTTP Basic for API clients. Either satisfies an operation's
/// security requirement; a requirement's list names the roles that may call it.
/// </summary>
internal sealed class SecuritySchemes : IOpenApiDocumentTransformer
{
    public const string Cookie = "cookie";

    public const string Basic = "basic";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = SecurityRegistration.CookieName,
            Description = "The session cookie that POST /api/auth/login sets (HttpOnly, Secure, SameSite=Strict). "
                + "A state-changing request with it must come from the dashboard's own origin (Origin / Sec-Fetch-Site), else 403.",
        };
        document.Components.SecuritySchemes[Basic] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "A user's name and password on every request; for API clients. Repeated wrong passwords lock the account out for a while.",
        };
        return Task.CompletedTask;
    }
}
