using System.Text.Json;
using System.Text.RegularExpressions;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Tests.Stations;

/// <summary>docs/rules.md §10 documents every key of the station format with examples: both must stay true.</summary>
public sealed partial class StationFormatDocTests
{
    private static readonly string Section = ReadSection();

    [Fact]
    public void Every_example_resolves_to_a_station_with_limits()
    {
        var examples = JsonBlocks().Matches(Section).Select(m => m.Groups[1].Value).ToList();

        Assert.True(examples.Count >= 5, $"expected an example per regulation, found {examples.Count}");
        foreach (var json in examples)
        {
            var definition = JsonSerializer.Deserialize<StationDefinition>(json, StationsFile.Options)!;
            var station = StationRegistry.Resolve(definition, RegulationLibrary.Default, ParameterCatalog.Default, RuleSettings.Default);
            Assert.NotEmpty(station.Profile.Limits);
        }
    }

    [Fact]
    public void The_first_example_has_the_cod_limit_its_caption_computes()
    {
        var first = JsonBlocks().Match(Section).Groups[1].Value;
        var definition = JsonSerializer.Deserialize<StationDefinition>(first, StationsFile.Options)!;
        var station = StationRegistry.Resolve(definition, RegulationLibrary.Default, ParameterCatalog.Default, RuleSettings.Default);

        Assert.Contains("= 67.5 mg/L", Section, StringComparison.Ordinal);
        Assert.Equal(67.5, station.Profile.LimitFor(ParameterCatalog.Default["COD"])!.Max!.Value, 6);
    }

    [Fact]
    public void The_key_table_names_every_property_of_a_station_and_no_other()
    {
        var documented = KeyRows().Matches(Section).SelectMany(m => BacktickedWords().Matches(m.Groups[1].Value).Select(w => w.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        var properties = typeof(StationDefinition).GetProperties().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(properties.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_site_keys_documented_are_those_the_regulations_read()
    {
        foreach (var key in new[] { "dischargeM3PerDay", "riverDrySeasonFlowM3PerS", "lakeVolumeM3", "stackFlowM3PerHour", "coastalUse", "zone" })
        {
            Assert.Contains($"`{key}`", Section, StringComparison.Ordinal);
        }

        Assert.Equal(
            ["coastalUse", "dischargeM3PerDay", "lakeVolumeM3", "riverDrySeasonFlowM3PerS", "stackFlowM3PerHour", "zone"],
            typeof(Rules.Limits.SiteInputs).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal));
    }

    private static string ReadSection()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EnvMonitoring.sln")))
        {
            directory = directory.Parent;
        }

        var text = File.ReadAllText(Path.Combine(directory?.FullName ?? throw new InvalidOperationException("no EnvMonitoring.sln above the test's folder"), "docs", "rules.md"));
        var start = text.IndexOf("## 10. The station format", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/rules.md has no section 10, the station format");
        var end = text.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    [GeneratedRegex(@"```json\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlocks();

    // Rows of the first table: "| `Key`, `Key` | required | what |".
    [GeneratedRegex(@"^\| ((?:`[A-Z][A-Za-z]+`(?:, )?)+) \| (?:yes|no|with|per)", RegexOptions.Multiline)]
    private static partial Regex KeyRows();

    [GeneratedRegex("`([A-Za-z]+)`")]
    private static partial Regex BacktickedWords();
}
