using System.Security.Claims;
using EnvMonitoring.Cloud.Audit;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Protocol.Security;
using Microsoft.AspNetCore.Authentication;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// <c>PUT /api/me/password</c>: any signed-in user of the configuration store changes their own
/// password. The current one is checked through <see cref="SignInGuard"/>, so a wrong one counts as
/// a failed sign-in (and a locked account stays locked); the change ends the user's other sessions,
/// while a browser that made it gets a fresh session at once.
/// </summary>
internal static class MePasswordApi
{
    public static RouteGroupBuilder MapMePasswordApi(this RouteGroupBuilder api)
    {
        api.MapPut("/me/password", ChangeAsync).RequireAuthorization(Policies.Viewer)
            .WithSummary("Changes the signed-in user's own password; their other sessions end.")
            .Accepts<PasswordChange>("application/json").Produces(StatusCodes.Status204NoContent)
            .RefusesInvalid("the current password is wrong, or the new one is shorter than 12 characters")
            .Refuses(StatusCodes.Status404NotFound, "the signed-in user is no longer in the configuration store (deleted meanwhile)")
            .Refuses(StatusCodes.Status409Conflict, "the user changed while the password was being changed: try again")
            .Refuses(StatusCodes.Status429TooManyRequests, "too many failed sign-ins: the account is locked for the seconds in Retry-After");
        return api;
    }

    private static async Task<IResult> ChangeAsync(
        HttpContext context, ConfigEditor editor, SignInGuard guard, SessionStore sessions, UserDirectory directory, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var body = await JsonBody.ReadAsync<PasswordChange>(context.Request, errors, cancellationToken);
        if (body is not null)
        {
            Passwords.Check(errors, "new", body.New);
            if (string.IsNullOrEmpty(body.Current))
            {
                errors.Add("current", "The current password is required.", "Cần nhập mật khẩu hiện tại.");
            }
        }

        if (body is null || errors.Any)
        {
            return errors.ToProblem("The password was not changed");
        }

        var name = context.User.Identity!.Name!;
        if (await editor.Store.GetAsync(ConfigKind.User, name, cancellationToken) is not { } current)
        {
            return TypedResults.Problem($"User {name} is no longer in the configuration store: it was deleted while signed in.",
                statusCode: StatusCodes.Status404NotFound, title: "Not a user of the configuration store");
        }

        var outcome = guard.SignIn(name, body.Current, context.Connection.RemoteIpAddress, SecurityRegistration.CookieScheme, "password-change");
        if (outcome.IsLockedOut)
        {
            context.Response.Headers.RetryAfter = outcome.RetryAfterSeconds;
            return TypedResults.Problem($"Too many failed sign-ins: try again in {outcome.RetryAfterSeconds} s.", statusCode: StatusCodes.Status429TooManyRequests, title: "Sign-in locked");
        }

        if (outcome.Principal is null)
        {
            await Task.Delay(outcome.Delay, context.RequestAborted);
            errors.Add("current", "The current password is wrong.", "Mật khẩu hiện tại không đúng.");
            return errors.ToProblem("The password was not changed");
        }

        var user = ConfigDocuments.Parse<UserDefinition>(current.Json);
        user.PasswordHash = PasswordHash.Create(body.New!);
        var answer = await editor.ReplaceAsync(context, current, ConfigDocuments.Write(user), current.Version, password: true, cancellationToken);
        if (answer is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
        {
            return answer;
        }

        audit.Record(context, AuditAction.PasswordChange, subject: name);
        await RenewSessionAsync(context, sessions, directory, user);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The new stamp ended every session of the user, this browser's too: it gets a new one, so only
    /// the user's other sessions end. HTTP Basic clients have no session; they send the new password.
    /// </summary>
    private static async Task RenewSessionAsync(HttpContext context, SessionStore sessions, UserDirectory directory, UserDefinition user)
    {
        if (context.User.FindFirst(SessionStore.SessionClaim)?.Value is not { } session)
        {
            return;
        }

        sessions.End(session);
        if (directory.StampOf(user.Name) is null)
        {
            return;
        }

        var principal = UserDirectory.Principal(user, SecurityRegistration.CookieScheme);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionStore.SessionClaim, sessions.Open(user.Name)));
        await context.SignInAsync(SecurityRegistration.CookieScheme, principal, new AuthenticationProperties { IsPersistent = false });
    }
}

/// <summary>The body of <c>PUT /api/me/password</c>.</summary>
internal sealed record PasswordChange(string? Current, string? New);
