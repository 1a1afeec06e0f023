using EnvMonitoring.Cloud.Alerts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Tests.Alerts;

/// <summary>The <c>Rules</c> section's reminder of unacknowledged alerts, as configuration gives it (docs/rules.md §4).</summary>
public sealed class RulesOptionsTests
{
    [Theory]
    [InlineData(null, "00:30:00")]
    [InlineData("00:05:00", "00:05:00")]
    [InlineData("", null)]
    public void AcknowledgeWithin_is_30_minutes_unless_set_and_empty_turns_it_off(string? configured, string? expected)
    {
        var settings = new Dictionary<string, string?>();
        if (configured is not null)
        {
            settings["Rules:AcknowledgeWithin"] = configured;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddOptions<RulesOptions>().BindConfiguration(RulesOptions.Section).ValidateDataAnnotations();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(expected is null ? null : TimeSpan.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), provider.GetRequiredService<IOptions<RulesOptions>>().Value.AcknowledgeWithin);
    }
}
