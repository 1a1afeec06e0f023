namespace EnvMonitoring.Cloud.Config;

/// <summary>Which database holds the configuration store (<c>Config:Provider</c>, case-insensitive).</summary>
public enum ConfigProvider
{
    /// <summary>One SQLite file beside the host (<see cref="ConfigOptions.Path"/>): a single host, nothing to run.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<see cref="ConfigOptions.ConnectionString"/>) that several hosts share.</summary>
    Postgres,
}
