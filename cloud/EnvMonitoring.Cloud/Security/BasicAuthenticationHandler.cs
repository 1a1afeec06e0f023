using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Security;

/// <summary>HTTP Basic for API clients and scripts (over TLS off this machine); the browser uses the cookie.</summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SignInGuard guard)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";

    private SignInOutcome _outcome;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) ||
            !SchemeName.Equals(header.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("The Basic credentials are not base64.");
        }

        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        _outcome = guard.SignIn(colon < 0 ? credentials : credentials[..colon], colon < 0 ? null : credentials[(colon + 1)..], Context.Connection.RemoteIpAddress, SchemeName, "basic");
        if (_outcome.Principal is { } principal)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
        }

        if (!_outcome.IsLockedOut)
        {
            await Task.Delay(_outcome.Delay, Context.RequestAborted);
        }

        return AuthenticateResult.Fail(_outcome.IsLockedOut ? "Locked out after repeated failures." : "Wrong user name or password.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_outcome.IsLockedOut)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = _outcome.RetryAfterSeconds;
            return Task.CompletedTask;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // No WWW-Authenticate: Basic here, or browsers would pop their own dialog over the app's sign-in page.
        return Task.CompletedTask;
    }
}
