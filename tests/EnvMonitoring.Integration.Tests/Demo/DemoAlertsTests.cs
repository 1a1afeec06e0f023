using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using EnvMonitoring.Node.Simulation;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Integration.Tests.Demo;

/// <summary>
/// Issue 15 item 5: with the demo's rule settings (<c>Rules</c> of deploy/demo/stations.json and the limits <c>./envmon run</c>
/// registers, read from the script by <see cref="DemoRegistry"/>), every kind of alert the demo
/// scenario drives opens and clears within ten minutes of the nodes' start, and nothing else alerts,
/// whatever the hour (the simulated load, and so COD, TSS, NH4 and the stack's gases, follows the day).
/// Virtual time: the real simulator makes the readings, the real engine judges them (<see cref="DemoAlertTimeline"/>).
/// Out of scope: the mean rules (<see cref="RuleKind.HourlyMean"/>, <see cref="RuleKind.DailyMean"/>,
/// <see cref="RuleKind.LocalDayMean"/>) need an hour or a day of readings, and
/// <see cref="RuleKind.DataConflict"/> is an attempt to rewrite stored evidence, which no simulated
/// node makes; <see cref="RuleKind.RateOfChange"/> is expected only when a demo station sets a rate.
/// </summary>
public sealed class DemoAlertsTests
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);
    private static readonly Scenario Demo = ScenarioFile.Load(Path.Combine(AppContext.BaseDirectory, "scenarios", "demo.json"), ParameterCatalog.Default);

    /// <summary>One run per hour, shared by the checks of that hour: the timeline is a pure function of the hour.</summary>
    private static readonly ConcurrentDictionary<int, Lazy<IReadOnlyList<AlertSpan>>> Runs = new();

    /// <summary>Hours of the day in Thai Nguyen the demo starts at: night, morning, the afternoon load peak, evening.</summary>
    public static TheoryData<int> LocalHours => [0, 3, 6, 9, 12, 15, 18, 21];

    [Theory]
    [MemberData(nameof(LocalHours))]
    public void Every_alert_kind_of_the_demo_opens_and_clears_within_ten_minutes(int localHour)
    {
        var alerts = Run(localHour);
        var registry = DemoRegistry.Current;
        var expected = Enum.GetValues<RuleKind>()
            .Except([RuleKind.HourlyMean, RuleKind.DailyMean, RuleKind.LocalDayMean, RuleKind.DataConflict])
            .Where(k => k != RuleKind.RateOfChange || registry.All.Any(s => s.Profile.Settings.RateOfChangePerHour.Count > 0));

        var missing = expected.Where(kind => !alerts.Any(a => a.Cause.Rule == kind && a.Cleared <= TenMinutes)).ToList();

        Assert.True(missing.Count == 0, $"Starting at {localHour}:00, no {string.Join(", ", missing)} alert opened and cleared within ten minutes.\n{Table(alerts)}");
    }

    [Theory]
    [MemberData(nameof(LocalHours))]
    public void Only_the_scenarios_incidents_alert(int localHour)
    {
        var alerts = Run(localHour);

        var unexplained = alerts.Where(a => !Demo.Incidents.Any(i => i.Station == a.Cause.Station &&
            (a.Cause.Parameter is { } code ? i.AffectedParameters.Contains(code) : i.Kind == IncidentKind.Offline))).ToList();

        Assert.True(unexplained.Count == 0, $"Starting at {localHour}:00, undisturbed readings alerted:\n{Table(unexplained)}");
    }

    [Theory]
    [MemberData(nameof(LocalHours))]
    public void Every_alert_of_the_first_round_clears_within_ten_minutes(int localHour)
    {
        var alerts = Run(localHour);

        var stuck = alerts.Where(a => a.Opened < Demo.RepeatEvery && !(a.Cleared <= TenMinutes)).ToList();

        Assert.True(stuck.Count == 0, $"Starting at {localHour}:00, alerts of the first {Demo.RepeatEvery:m\\:ss} were still active ten minutes in:\n{Table(stuck)}");
    }

    /// <summary>
    /// Watched for the issue's half hour, every round of the scenario still opens and clears its
    /// alerts: reopening soon after a clear (flapping) must not lengthen the clear time until the
    /// alerts stay active for good.
    /// </summary>
    [Fact]
    public void Every_round_clears_its_alerts_for_half_an_hour()
    {
        var halfHour = TimeSpan.FromMinutes(30);
        var start = new DateTimeOffset(2026, 3, 16, 10, 0, 0, TimeSpan.FromHours(7));
        var alerts = AlertSpan.Of(DemoAlertTimeline.Run(Demo, DemoRegistry.Current, start, halfHour), start);

        var stuck = alerts.Where(a => a.Opened < halfHour - Demo.RepeatEvery && !(a.Cleared <= halfHour)).ToList();

        Assert.True(stuck.Count == 0, $"Alerts opened before the last round were still active after half an hour:\n{Table(stuck)}");
    }

    private static IReadOnlyList<AlertSpan> Run(int localHour) => Runs.GetOrAdd(localHour, hour => new(() =>
    {
        var start = new DateTimeOffset(2026, 3, 16, hour, 0, 0, TimeSpan.FromHours(7));
        return AlertSpan.Of(DemoAlertTimeline.Run(Demo, DemoRegistry.Current, start, TenMinutes), start);
    })).Value;

    private static string Table(IEnumerable<AlertSpan> alerts)
    {
        var text = new StringBuilder("kind, cause, worst level, opened, cleared (m:ss after the nodes' start)\n");
        foreach (var a in alerts.OrderBy(a => a.Cause.Rule).ThenBy(a => a.Opened))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{a.Cause.Rule}, {a.Cause}, {a.Severity}, {a.Opened:m\\:ss}, {(a.Cleared is { } c ? c.ToString(@"m\:ss", CultureInfo.InvariantCulture) : "still active")}");
        }

        return text.ToString();
    }
}
