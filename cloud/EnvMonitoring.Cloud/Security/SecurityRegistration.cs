using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// Authentication (cookie for the browser, HTTP Basic for API clients) and the role policies.
/// Every endpoint needs a signed-in user unless it says otherwise (the fallback policy); APIs
/// answer 401/403 and never redirect.
/// </summary>
internal static class SecurityRegistration
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "envmon.auth";
    private const string EitherScheme = "CookieOrBasic";

    public static WebApplicationBuilder AddCloudSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ConfiguredUsers>();
        // The settings' users until the configuration store's are applied at start (docs/configuration.md).
        builder.Services.AddSingleton(services =>
        {
            var users = services.GetRequiredService<ConfiguredUsers>().Current().Users;
            if (users.Count == 0)
            {
                SecurityLog.NoUsers(services.GetRequiredService<ILoggerFactory>().CreateLogger("EnvMonitoring.Cloud.Security"));
            }

            return new UserDirectory(users, services.GetRequiredService<TimeProvider>());
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddDataProtection().SetApplicationName("EnvMonitoring.Cloud").PersistKeysToFileSystem(KeysDirectory(builder));
        builder.Services.AddSingleton<SignInGuard>();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddHostedService<SessionKeeper>();
        // Over HTTPS the cookie is never sent in the clear, even on a stray http:// request; the
        // plain-HTTP mode (no https address configured) sets it as the request came.
        var secure = HttpsEndpoints.Configured(builder.Configuration) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

        builder.Services.AddAuthentication(EitherScheme)
            .AddPolicyScheme(EitherScheme, "Cookie or HTTP Basic", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith(BasicAuthenticationHandler.SchemeName + " ", StringComparison.OrdinalIgnoreCase)
                    ? BasicAuthenticationHandler.SchemeName
                    : CookieScheme)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = secure;
                // The session on the server decides (SessionStore): idle and absolute timeouts, sign-out, user changes.
                options.SlidingExpiration = false;
                options.Events.OnValidatePrincipal = ValidateSessionAsync;
                options.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<SecurityOptions>>((cookie, security) => cookie.ExpireTimeSpan = security.Value.SessionLifetime);

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Viewer, policy => policy.RequireRole(Roles.All))
            .AddPolicy(Policies.Operator, policy => policy.RequireRole(Roles.Operator, Roles.Admin))
            .AddPolicy(Policies.Inspector, policy => policy.RequireRole(Roles.Inspector, Roles.Admin))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin).RequireAssertion(context => ParkScope.Of(context.User).IsAll))
            .AddPolicy(Policies.AllParks, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => ParkScope.Of(context.User).IsAll));
        return builder;
    }

    /// <summary><see cref="SecurityOptions.KeysDirectory"/>, made private (0700) before the first key is written.</summary>
    private static DirectoryInfo KeysDirectory(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[$"{SecurityOptions.Section}:{nameof(SecurityOptions.KeysDirectory)}"] is { Length: > 0 } value ? value : new SecurityOptions().KeysDirectory;
        var path = Path.GetFullPath(configured, builder.Environment.ContentRootPath);
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }

        var directory = Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // An existing folder keeps its mode: make it private too.
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return directory;
    }

    public static WebApplication UseCloudSecurity(this WebApplication app)
    {
        // Fail at start-up, not at the first sign-in, when the users are misconfigured.
        _ = app.Services.GetRequiredService<UserDirectory>();
        app.UseSameOriginCheck();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>A cookie counts only while its session is open on this server.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        var principal = context.Principal;
        if (!sessions.Validate(principal?.FindFirst(SessionStore.SessionClaim)?.Value, principal?.Identity?.Name))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
