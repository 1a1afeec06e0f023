using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Edge.Security;

/// <summary>One device (node) allowed to connect: its MQTT username, hashed password and stations.</summary>
public sealed class DeviceOptions
{
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    public string Username { get; set; } = "";

    /// <summary>From <c>EnvMonitoring.Edge hash-password</c>: <c>pbkdf2-sha256$iterations$salt$hash</c>. Never the password itself.</summary>
    [Required]
    public string PasswordHash { get; set; } = "";

    /// <summary>The stations this device may publish for, under the gateway's park.</summary>
    [MinLength(1)]
    public List<string> Stations { get; set; } = [];
}
