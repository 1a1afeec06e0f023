using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace EnvMonitoring.Cloud.Config;

/// <summary>The configuration store (section <c>Config</c>).</summary>
/// <remarks>
/// <see cref="ConnectionString"/> holds a password: give it through the environment
/// (<c>Config__ConnectionString</c>) or a secret store, not a command line. The host never logs it;
/// messages name the store as <see cref="PostgresConfigStore.Describe"/> does, without the password.
/// </remarks>
public sealed class ConfigOptions : IValidatableObject
{
    public const string Section = "Config";

    /// <summary><c>sqlite</c> (the default: one host) or <c>postgres</c> (several hosts share one store).</summary>
    public ConfigProvider Provider { get; set; } = ConfigProvider.Sqlite;

    /// <summary>The SQLite file, relative to the content root; made private (0600) as it holds password hashes.</summary>
    [Required]
    public string Path { get; set; } = "data/config.db";

    /// <summary>
    /// The PostgreSQL database when <see cref="Provider"/> is <c>postgres</c>: an Npgsql connection
    /// string, e.g. <c>Host=db.example;Database=envmon_config;Username=envmon;Password=…;SSL Mode=VerifyFull</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != ConfigProvider.Postgres)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Config:ConnectionString is required when Config:Provider is postgres: an Npgsql connection string such as "
                + "Host=db.example;Database=envmon_config;Username=envmon;Password=…;SSL Mode=VerifyFull (give it through the environment, Config__ConnectionString).",
                [nameof(ConnectionString)]);
            yield break;
        }

        NpgsqlConnectionStringBuilder? parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException)
        {
            // Not the parser's message: it may quote a piece of the password (a ';' in it, unquoted, starts a "keyword").
            parsed = null;
        }

        if (parsed is null)
        {
            yield return new ValidationResult(
                "Config:ConnectionString is not a valid Npgsql connection string: check its keywords, and quote a value that holds ';' or '=' (Password='a;b').",
                [nameof(ConnectionString)]);
        }
        else if (string.IsNullOrWhiteSpace(parsed.Host))
        {
            yield return new ValidationResult("Config:ConnectionString names no Host.", [nameof(ConnectionString)]);
        }
    }
}
