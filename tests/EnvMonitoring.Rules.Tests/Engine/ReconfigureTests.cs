using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Profiles;
using Microsoft.Extensions.Time.Testing;
using static EnvMonitoring.Rules.Tests.StationHarness;

namespace EnvMonitoring.Rules.Tests.Engine;

/// <summary>
/// The registry changes while the engine runs (issue #19): one station's new limits leave every other
/// station's windows and alerts alone, keep its own windows when its report interval is unchanged, and a
/// removed station's alerts are closed with the reason.
/// </summary>
public sealed class ReconfigureTests
{
    private const string A = "YB-A-01";
    private const string B = "YB-B-01";
    private static readonly RuleSettings Rules = Only(RuleKind.Instantaneous, RuleKind.DailyMean) with { ApproachRatio = null };

    private readonly FakeTimeProvider _time = new(Midnight);
    private readonly RuleEngine _engine;
    private readonly List<AlertEvent> _events = [];

    public ReconfigureTests()
    {
        _engine = new RuleEngine(_time);
        _engine.Configure(Profile(A, 150));
        _engine.Configure(Profile(B, 150));
    }

    [Fact]
    public void A_new_limit_for_one_station_keeps_the_other_stations_daily_mean_and_open_alert()
    {
        // Every 5 minutes from midnight, 216 records (75% of 288, the least a 24-hour mean counts with):
        // A alternates 110 and 130 (mean 120, under its 150), B sends 160 for 108 records then 240 (mean 200).
        for (var i = 0; i < 215; i++)
        {
            Send(i, A, i % 2 == 0 ? 110 : 130);
            Send(i, B, i < 108 ? 160 : 240);
        }

        var bInstant = _engine.Alerts.ActiveFor(new AlertCause(B, "COD", RuleKind.Instantaneous));
        Assert.NotNull(bInstant);
        Assert.Null(_engine.Alerts.ActiveFor(new AlertCause(A, "COD", RuleKind.Instantaneous)));
        Assert.Empty(Of(_events, RuleKind.DailyMean)); // 215 records: neither mean counts yet
        var before = _events.Count;

        _engine.Configure(Profile(A, 100));

        // The 216th record of each: A (130) is judged against 100 now, B's alert is the same one and its mean holds all 216 records.
        Send(215, A, 130);
        Send(215, B, 240);

        var after = _events.Skip(before).ToList();
        Assert.DoesNotContain(after, e => e.AlertId == bInstant.Id && e.Kind is AlertEventKind.Cleared or AlertEventKind.Resolved);
        Assert.Same(bInstant, _engine.Alerts.ActiveFor(new AlertCause(B, "COD", RuleKind.Instantaneous)));
        var aInstant = Assert.Single(after, e => e.Cause == new AlertCause(A, "COD", RuleKind.Instantaneous));
        Assert.Equal((AlertEventKind.Opened, 130.0, 100.0), (aInstant.Kind, aInstant.Value, aInstant.LimitMax));

        // Means by hand: A (108 · 110 + 108 · 130) / 216 = 120 > 100; B (108 · 160 + 108 · 240) / 216 = 200 > 150.
        var aMean = Assert.Single(after, e => e.Cause == new AlertCause(A, "COD", RuleKind.DailyMean));
        Assert.Equal(120.0, aMean.Value!.Value, 9);
        Assert.Equal(100.0, aMean.LimitMax);
        var bMean = Assert.Single(after, e => e.Cause == new AlertCause(B, "COD", RuleKind.DailyMean));
        Assert.Equal(200.0, bMean.Value!.Value, 9);
        Assert.Equal(150.0, bMean.LimitMax);
    }

    [Fact]
    public void Removing_a_station_closes_its_alerts_with_the_reason_and_stops_judging_it()
    {
        Send(0, A, 400);
        Send(0, B, 400);
        Send(1, A, 100); // A's alert stays active: it clears only after its clear time
        var aAlert = _engine.Alerts.ActiveFor(new AlertCause(A, "COD", RuleKind.Instantaneous));
        var bAlert = _engine.Alerts.ActiveFor(new AlertCause(B, "COD", RuleKind.Instantaneous));
        Assert.NotNull(aAlert);
        Assert.NotNull(bAlert);

        var closing = new List<AlertEvent>();
        Assert.True(_engine.Remove(A, "station removed from the registry", closing));

        var closed = Assert.Single(closing);
        Assert.Equal((aAlert.Id, AlertEventKind.Resolved, RuleEngine.SystemUser, "station removed from the registry"), (closed.AlertId, closed.Kind, closed.User, closed.Note));
        Assert.DoesNotContain(_engine.Alerts.Unresolved, a => a.Cause.Station == A);
        Assert.Same(bAlert, _engine.Alerts.ActiveFor(new AlertCause(B, "COD", RuleKind.Instantaneous)));

        var later = new List<AlertEvent>();
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(EvaluationOutcome.UnknownStation, _engine.Evaluate(A, _time.GetUtcNow(), [R("COD", 500)], later));
        Assert.Empty(later);

        // Stored and replayed like any other event: the closed alert stays closed after a restart, B's stays open.
        var replayed = AlertBook.Replay(_events.Concat(closing));
        Assert.DoesNotContain(replayed.Unresolved, a => a.Cause.Station == A);
        Assert.Equal(bAlert.Id, replayed.ActiveFor(new AlertCause(B, "COD", RuleKind.Instantaneous))?.Id);
    }

    [Fact]
    public void Removing_a_station_closes_its_cleared_alerts_nobody_resolved_too()
    {
        Send(0, A, 400);
        for (var i = 1; i < 12; i++)
        {
            Send(i, A, 100);
        }

        var cleared = Assert.Single(_engine.Alerts.Unresolved);
        Assert.False(cleared.IsActive);

        var closing = new List<AlertEvent>();
        _engine.Remove(A, "gone", closing);

        Assert.Equal(cleared.Id, Assert.Single(closing).AlertId);
        Assert.Empty(_engine.Alerts.Unresolved);
    }

    private static StationRuleProfile Profile(string station, double codMax) =>
        StationRuleProfile.Create(station, Medium.Water, [Max("COD", codMax)], null, Rules);

    private void Send(int slot, string station, double cod)
    {
        var at = Midnight.AddMinutes(5 * slot);
        if (at > _time.GetUtcNow())
        {
            _time.SetUtcNow(at);
        }

        Assert.Equal(EvaluationOutcome.Evaluated, _engine.Evaluate(station, at, [R("COD", cod)], _events));
    }
}
