namespace EnvMonitoring.Cloud.Security;

/// <summary>A user of the dashboard and API, from configuration (<c>Security:Users:0:…</c>).</summary>
public sealed class UserDefinition
{
    public string Name { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>PBKDF2 hash made by <c>EnvMonitoring.Cloud hash-password</c>; never the password itself.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>A disabled user cannot sign in, and their open sessions end within seconds of the change.</summary>
    public bool Disabled { get; set; }

    /// <summary>Any of viewer, operator, inspector, admin.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>
    /// The industrial parks the user may see (<see cref="ParkScope"/>); empty: every park (province staff).
    /// Changing them ends the user's sessions, like a change of roles.
    /// </summary>
    public List<string> Parks { get; set; } = [];
}
