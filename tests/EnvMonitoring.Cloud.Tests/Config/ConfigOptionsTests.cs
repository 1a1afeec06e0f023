using System.ComponentModel.DataAnnotations;
using EnvMonitoring.Cloud.Config;
using Microsoft.Extensions.Configuration;

namespace EnvMonitoring.Cloud.Tests.Config;

/// <summary>The section <c>Config</c>: which store, and a PostgreSQL store's connection string checked at start without ever echoing its password.</summary>
public sealed class ConfigOptionsTests
{
    [Fact]
    public void Sqlite_is_the_default_and_needs_no_connection_string()
    {
        var options = Bind([]);

        Assert.Equal(ConfigProvider.Sqlite, options.Provider);
        Assert.Empty(Problems(options));
        Assert.IsType<SqliteConfigStore>(ConfigRegistration.Create(options, "/srv/envmon", TimeProvider.System));
    }

    [Fact]
    public async Task Postgres_is_named_in_any_case_and_picks_the_postgres_store()
    {
        var options = Bind(new() { ["Config:Provider"] = "postgres", ["Config:ConnectionString"] = "Host=db.example;Database=cfg;Username=envmon;Password=s3cret" });

        Assert.Equal(ConfigProvider.Postgres, options.Provider);
        Assert.Empty(Problems(options));
        await using var store = Assert.IsType<PostgresConfigStore>(ConfigRegistration.Create(options, "/srv/envmon", TimeProvider.System));
        Assert.Equal("postgresql://envmon@db.example:5432/cfg", store.Name);
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused_saying_what_to_set()
    {
        var problem = Assert.Single(Problems(Bind(new() { ["Config:Provider"] = "Postgres" })));

        Assert.Contains("Config:ConnectionString is required when Config:Provider is postgres", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db.example;Password=pa;ss-word-42;Database=cfg")]
    [InlineData("Database=cfg;Username=envmon;Password=pass-word-42")]
    public void A_bad_connection_string_is_refused_without_echoing_its_password(string connectionString)
    {
        var problem = Assert.Single(Problems(Bind(new() { ["Config:Provider"] = "postgres", ["Config:ConnectionString"] = connectionString })));

        Assert.StartsWith("Config:ConnectionString ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("ss-word-42", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("pass-word-42", problem, StringComparison.Ordinal);
    }

    private static ConfigOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(ConfigOptions.Section).Get<ConfigOptions>() ?? new ConfigOptions();

    private static List<string> Problems(ConfigOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage!)];
    }
}
