using System.Security.Claims;
using EnvMonitoring.Cloud.Audit;
using EnvMonitoring.Cloud.Http;
using Microsoft.AspNetCore.Authentication;

namespace EnvMonitoring.Cloud.Security;

/// <summary><c>/api/auth</c>: the browser's sign-in (cookie), sign-out and who am I.</summary>
internal static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth");
        auth.MapPost("/login", LoginAsync).AllowAnonymous().WithSummary("Signs in with a name and password; sets the session cookie.")
            .Produces<UserView>()
            .RefusesInvalid("name or password is missing")
            .Refuses(StatusCodes.Status401Unauthorized, "wrong user name or password")
            .Refuses(StatusCodes.Status429TooManyRequests, "too many failed sign-ins: the account is locked for the seconds in Retry-After");
        auth.MapPost("/logout", LogoutAsync).AllowAnonymous().WithSummary("Signs out: ends the session on the server and clears the cookie.")
            .Produces(StatusCodes.Status204NoContent);
        auth.MapGet("/me", Me).RequireAuthorization(Policies.Viewer).WithSummary("The signed-in user, roles and parks (none: every park).").Produces<UserView>();
        return api;
    }

    private static async Task<IResult> LoginAsync(LoginRequest? request, HttpContext context, SignInGuard guard, SessionStore sessions, AuditLog audit)
    {
        if (request is null || string.IsNullOrEmpty(request.Name) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["Name and password are required."] });
        }

        var outcome = guard.SignIn(request.Name, request.Password, context.Connection.RemoteIpAddress, SecurityRegistration.CookieScheme, "sign-in");
        if (outcome.IsLockedOut)
        {
            context.Response.Headers.RetryAfter = outcome.RetryAfterSeconds;
            return TypedResults.Problem(
                $"Too many failed sign-ins: try again in {outcome.RetryAfterSeconds} s.", statusCode: StatusCodes.Status429TooManyRequests, title: "Sign-in locked");
        }

        if (outcome.Principal is not { } principal)
        {
            await Task.Delay(outcome.Delay, context.RequestAborted);
            return TypedResults.Problem("Wrong user name or password.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused");
        }

        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionStore.SessionClaim, sessions.Open(principal.Identity!.Name!)));
        await context.SignInAsync(SecurityRegistration.CookieScheme, principal, new AuthenticationProperties { IsPersistent = false });
        audit.Record(AuditAction.SignIn, principal.Identity.Name!, context.Connection.RemoteIpAddress);
        return TypedResults.Ok(UserView.Of(principal));
    }

    private static async Task LogoutAsync(HttpContext context, SessionStore sessions, AuditLog audit)
    {
        if (context.User.FindFirst(SessionStore.SessionClaim)?.Value is { } session)
        {
            sessions.End(session);
            audit.Record(context, AuditAction.SignOut);
        }

        await context.SignOutAsync(SecurityRegistration.CookieScheme);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static IResult Me(ClaimsPrincipal user) => TypedResults.Ok(UserView.Of(user));
}

/// <summary>The body of <c>POST /api/auth/login</c>.</summary>
internal sealed record LoginRequest(string? Name, string? Password);

/// <summary>The signed-in user as the dashboard sees it; <see cref="Parks"/> empty: every park.</summary>
internal sealed record UserView(string Name, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Parks)
{
    public static UserView Of(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "",
        user.FindFirstValue("display_name") ?? user.Identity?.Name ?? "",
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
        ParkScope.Of(user).Parks);
}
