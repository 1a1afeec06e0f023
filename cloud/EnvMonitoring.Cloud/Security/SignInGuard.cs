using System.Net;
using System.Security.Claims;
using EnvMonitoring.Cloud.Audit;
using EnvMonitoring.Protocol.Security;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// The one door for passwords, cookie sign-in and HTTP Basic alike: an account that failed
/// <see cref="SecurityOptions.SignInFailuresPerAccount"/> times within
/// <see cref="SecurityOptions.SignInFailureWindow"/>, or a source address that failed
/// <see cref="SecurityOptions.SignInFailuresPerSource"/> times, is locked out — even the right
/// password is refused, unchecked — until its oldest failure leaves the window (the answer says how
/// long: <c>Retry-After</c>). Each failure is logged and answered a little later than the one before
/// (from 100 ms, doubling, at most 2 s), and unknown names cost what known ones do.
/// </summary>
public sealed class SignInGuard
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    private readonly UserDirectory _users;
    private readonly AuditLog _audit;
    private readonly ILogger<SignInGuard> _logger;
    private readonly FailureThrottle<string> _accounts;
    private readonly FailureThrottle<IPAddress> _sources;

    public SignInGuard(UserDirectory users, AuditLog audit, IOptions<SecurityOptions> options, TimeProvider time, ILogger<SignInGuard> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _users = users;
        _audit = audit;
        _logger = logger;
        _accounts = new FailureThrottle<string>(settings.SignInFailuresPerAccount, settings.SignInFailureWindow, time, StringComparer.OrdinalIgnoreCase);
        _sources = new FailureThrottle<IPAddress>(settings.SignInFailuresPerSource, settings.SignInFailureWindow, time);
    }

    /// <summary>Checks a password sent by <paramref name="via"/> (cookie sign-in or Basic) from <paramref name="source"/>.</summary>
    /// <param name="name">The user name given.</param>
    /// <param name="password">The password given.</param>
    /// <param name="source">Where the request came from, if known.</param>
    /// <param name="scheme">The authentication scheme of the principal made on success.</param>
    /// <param name="via">How the password came, for the log: "sign-in" or "basic".</param>
    public SignInOutcome SignIn(string? name, string? password, IPAddress? source, string scheme, string via)
    {
        var account = (name ?? "").Trim();
        var remote = source?.ToString() ?? "?";
        var accountLocked = _accounts.IsBlocked(account, out var accountWait);
        var sourceWait = TimeSpan.Zero;
        var sourceLocked = source is not null && _sources.IsBlocked(source, out sourceWait);
        if (accountLocked || sourceLocked)
        {
            var wait = accountWait > sourceWait ? accountWait : sourceWait;
            var what = accountLocked ? "account" : "source address";
            SecurityLog.SignInLocked(_logger, Printable(account), remote, via, what, wait);
            _audit.Record(AuditAction.SignInLocked, Printable(account), source, detail: $"{via}; the {what} is locked out for {wait.TotalSeconds:0} s");
            return new SignInOutcome(null, wait, TimeSpan.Zero);
        }

        var principal = _users.SignIn(account, password, scheme);
        if (principal is not null)
        {
            return new SignInOutcome(principal, TimeSpan.Zero, TimeSpan.Zero);
        }

        var failures = _accounts.Fail(account);
        if (source is not null)
        {
            _sources.Fail(source);
        }

        SecurityLog.SignInRefused(_logger, Printable(account), remote, via, failures);
        _audit.Record(AuditAction.SignInFailed, Printable(account), source, detail: $"{via}; failure {failures} of this account within the window");
        var delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(failures - 1, 10)));
        return new SignInOutcome(null, TimeSpan.Zero, delay);
    }

    /// <summary>A name as typed is the attacker's text: logged only as printable characters, at most 64.</summary>
    private static string Printable(string name) =>
        new([.. name.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);
}

/// <summary>
/// What a sign-in attempt came to: the principal, or a lockout (<see cref="RetryAfter"/> &gt; 0), or
/// a refusal to be answered after <see cref="Delay"/>.
/// </summary>
public readonly record struct SignInOutcome(ClaimsPrincipal? Principal, TimeSpan RetryAfter, TimeSpan Delay)
{
    public bool IsLockedOut => RetryAfter > TimeSpan.Zero;

    /// <summary>Whole seconds for a <c>Retry-After</c> header, at least 1.</summary>
    public string RetryAfterSeconds => Math.Max(1, (long)Math.Ceiling(RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
