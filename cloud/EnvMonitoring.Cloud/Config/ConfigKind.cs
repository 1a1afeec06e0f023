namespace EnvMonitoring.Cloud.Config;

/// <summary>What a <see cref="ConfigEntry"/> holds. The names are stored: never rename one.</summary>
public enum ConfigKind
{
    /// <summary>An industrial park: id, display name, position.</summary>
    Park,

    /// <summary>A station: its whole definition, as in the stations file.</summary>
    Station,

    /// <summary>A gateway device of a park and its broker credentials.</summary>
    Gateway,

    /// <summary>A user of the dashboard and API.</summary>
    User,
}
