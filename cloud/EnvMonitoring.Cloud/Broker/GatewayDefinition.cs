namespace EnvMonitoring.Cloud.Broker;

/// <summary>
/// A park's gateway device as the configuration store keeps it (id: <see cref="Gateway"/>): the
/// credential it connects to the cloud broker with, and the one it replaces while a rotation's grace
/// period runs, so a gateway can be given its new password before the old one stops working.
/// </summary>
public sealed class GatewayDefinition
{
    public string Park { get; set; } = "";

    /// <summary>The gateway's id (<c>Gateway:GatewayId</c> on the device); unique in the province.</summary>
    public string Gateway { get; set; } = "";

    /// <summary>What people call it ("Trạm trung chuyển KCN Yên Bình").</summary>
    public string? Name { get; set; }

    /// <summary>The broker username; <c>gw-{Gateway}</c> when issued by the admin API.</summary>
    public string Username { get; set; } = "";

    /// <summary>PBKDF2 hash of the current password (<c>hash-password</c> format); never the password.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>The hash of the password before the last rotation, accepted until <see cref="PreviousValidUntil"/>.</summary>
    public string? PreviousPasswordHash { get; set; }

    public DateTimeOffset? PreviousValidUntil { get; set; }

    /// <summary>A disabled gateway is refused at connect, and its open connection is closed.</summary>
    public bool Disabled { get; set; }
}
