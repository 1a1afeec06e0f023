using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Cloud.Security;

/// <summary>The <c>Security</c> section: who may sign in.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    public List<UserDefinition> Users { get; set; } = [];

    /// <summary>
    /// For the local demo only (<c>./envmon run</c> sets it): a file of demo users with random
    /// passwords, made on first start and reused; ignored when <see cref="Users"/> are configured.
    /// </summary>
    public string? DemoCredentialsFile { get; set; }

    /// <summary>How long a browser's session lasts without activity (no request, no live connection open).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a browser's session lasts at most, however active: then the user signs in again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Where the sessions are kept across restarts (relative to the content root; readable by the
    /// host's account only; ids are stored hashed). Empty: in memory only, so a restart signs everyone out.
    /// </summary>
    public string? SessionsFile { get; set; } = "data/sessions.json";

    /// <summary>
    /// Where the keys that encrypt and sign the session cookies are kept (relative to the content root;
    /// a folder only the host's account may enter, 0700). Several hosts behind one address share it.
    /// </summary>
    [Required]
    public string KeysDirectory { get; set; } = "data/keys";

    /// <summary>Failed sign-ins (cookie or Basic) of one account within <see cref="SignInFailureWindow"/> that lock it out.</summary>
    [Range(3, 1000)]
    public int SignInFailuresPerAccount { get; set; } = 10;

    /// <summary>Failed sign-ins from one source address, whatever the account, that lock the address out.</summary>
    [Range(3, 10_000)]
    public int SignInFailuresPerSource { get; set; } = 30;

    /// <summary>How far back failures count; a lockout ends when the oldest counted failure is this old.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan SignInFailureWindow { get; set; } = TimeSpan.FromMinutes(15);
}
