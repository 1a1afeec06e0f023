using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Rules.Tests.Alerts;

/// <summary>A refused rewrite of stored data, reported by ingestion, is an alert for admins that only a user closes.</summary>
public sealed class DataConflictTests
{
    private static readonly AlertCause Cause = new(StationHarness.Station, null, RuleKind.DataConflict);

    [Fact]
    public void A_reported_conflict_opens_one_alert_which_stays_until_a_user_resolves_it()
    {
        var harness = new StationHarness([StationHarness.Max("COD", 100)]);
        var measuredAt = StationHarness.Midnight.AddHours(-1);
        var events = new List<AlertEvent>();

        harness.Engine.ReportConflict(StationHarness.Station, measuredAt, events);
        harness.Engine.ReportConflict(StationHarness.Station, measuredAt.AddMinutes(1), events);
        harness.Time.Advance(TimeSpan.FromDays(2));
        harness.Engine.Tick(events);

        var opened = Assert.Single(events, e => e.Cause == Cause);
        Assert.Equal(AlertEventKind.Opened, opened.Kind);
        Assert.Equal(measuredAt, opened.MeasuredAt);
        Assert.Equal(Severity.Warning, opened.Severity);
        Assert.NotNull(harness.Engine.Alerts.ActiveFor(Cause));

        harness.Engine.Resolve(opened.AlertId, "admin", "the node's firmware was reflashed; readings checked");
        Assert.Null(harness.Engine.Alerts.ActiveFor(Cause));
        harness.Engine.ReportConflict(StationHarness.Station, measuredAt.AddMinutes(5), events);
        Assert.Equal(2, events.Count(e => e.Cause == Cause && e.Kind == AlertEventKind.Opened));
    }

    [Fact]
    public void A_replayed_book_keeps_the_conflict_open()
    {
        var harness = new StationHarness([StationHarness.Max("COD", 100)]);
        var events = new List<AlertEvent>();
        harness.Engine.ReportConflict(StationHarness.Station, StationHarness.Midnight, events);

        var book = AlertBook.Replay(events);

        Assert.NotNull(book.ActiveFor(Cause));
    }
}
