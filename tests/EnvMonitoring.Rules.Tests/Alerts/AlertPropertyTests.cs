using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Profiles;
using Microsoft.Extensions.Time.Testing;
using static EnvMonitoring.Rules.Tests.StationHarness;

namespace EnvMonitoring.Rules.Tests.Alerts;

/// <summary>
/// Over random interleavings of readings, ticks, restarts (book rebuilt from the event stream,
/// windows warmed from stored readings) and user commands: never two active alerts for one cause,
/// and once a cause has been gone for longer than its clear time, its alert is no longer active.
/// </summary>
public sealed class AlertPropertyTests
{
    private const double Limit = 150;
    private const double ClearlyGood = 0.7 * Limit;

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void One_active_alert_per_cause_and_none_once_the_cause_is_gone(int seed)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider(Midnight);
        var profile = StationRuleProfile.Create(Station, Protocol.Catalog.Medium.Water, [Max("COD", Limit)], [Catalog["pH"]]);
        var log = new List<AlertEvent>();
        var stored = new List<Sample>();
        var engine = Start(time, profile, AlertBook.Replay([]), stored);
        var at = Midnight;
        var bad = false;
        var restarts = 0;

        for (var step = 0; step < 500; step++)
        {
            var action = random.Next(100);
            var events = new List<AlertEvent>();
            if (action < 75)
            {
                at = at.AddMinutes(random.Next(10) < 8 ? 5 : 5 * random.Next(2, 6));
                bad = random.Next(100) < (bad ? 80 : 10);
                var cod = bad ? Limit * (1 + (random.NextDouble() * random.Next(1, 12))) : random.NextDouble() * ClearlyGood;
                var status = random.Next(100) switch { < 4 => DeviceStatus.Fault, < 7 => DeviceStatus.Calibrating, _ => DeviceStatus.Measuring };
                var sample = new Sample(Station, at, [R("COD", cod, status), R("pH", 7 + random.NextDouble())]);
                stored.Add(sample);
                time.SetUtcNow(at);
                engine.Evaluate(sample, events);
            }
            else if (action < 85)
            {
                time.Advance(TimeSpan.FromMinutes(random.Next(1, 20)));
                at = time.GetUtcNow() > at ? time.GetUtcNow() : at;
                engine.Tick(events);
            }
            else if (action < 95 && engine.Alerts.Unresolved.Count > 0)
            {
                var alert = engine.Alerts.Unresolved.ElementAt(random.Next(engine.Alerts.Unresolved.Count));
                if (random.Next(3) != 0)
                {
                    events.Add(engine.Acknowledge(alert.Id, "binh", "seen"));
                }
                else if (alert.IsActive)
                {
                    // An active cause is not closed by a user: refused, and the book is left as it was.
                    var sequence = engine.Alerts.LastSequence;
                    Assert.Throws<AlertCauseActiveException>(() => engine.Resolve(alert.Id, "an", "handled"));
                    Assert.Equal(sequence, engine.Alerts.LastSequence);
                }
                else
                {
                    events.Add(engine.Resolve(alert.Id, "an", "handled"));
                }
            }
            else
            {
                // Restart: the persisted events (shuffled, some twice) rebuild the book.
                var persisted = log.Concat(log.Where(_ => random.Next(10) == 0)).OrderBy(_ => random.Next()).ToList();
                engine = Start(time, profile, AlertBook.Replay(persisted), stored);
                restarts++;
            }

            log.AddRange(events);
            AssertOneActivePerCause(log);
            AssertGoneCausesAreNotActive(engine, stored);
        }

        // The run must have exercised what it claims to: restarts, and alerts opening and clearing.
        Assert.True(restarts > 0 && log.Count(e => e.Kind == AlertEventKind.Cleared) > 2 && log.Count(e => e.Kind == AlertEventKind.Opened) > 2);
    }

    private static RuleEngine Start(FakeTimeProvider time, StationRuleProfile profile, AlertBook book, List<Sample> stored)
    {
        var engine = new RuleEngine(time, book);
        engine.Configure(profile);
        var from = time.GetUtcNow() - profile.Settings.Retention;
        foreach (var sample in stored.Where(s => s.Timestamp > from))
        {
            engine.Warm(sample);
        }

        return engine;
    }

    /// <summary>Walks the whole event stream: per cause, never a second Opened while one is open.</summary>
    private static void AssertOneActivePerCause(List<AlertEvent> log)
    {
        var open = new Dictionary<AlertCause, AlertId>();
        foreach (var e in log.OrderBy(e => e.Sequence))
        {
            switch (e.Kind)
            {
                case AlertEventKind.Opened:
                    Assert.False(open.ContainsKey(e.Cause), $"Second alert opened for {e.Cause}: {e}");
                    open[e.Cause] = e.AlertId;
                    break;
                case AlertEventKind.Cleared or AlertEventKind.Resolved when open.TryGetValue(e.Cause, out var id) && id == e.AlertId:
                    open.Remove(e.Cause);
                    break;
            }
        }

        Assert.Equal(log.Select(e => e.Sequence).Distinct().Count(), log.Count);
    }

    /// <summary>
    /// For the COD exceedance and the COD device fault: if every valid COD reading since the last one
    /// showing the cause was clearly free of it, over at least the alert's clear time, it must not be active.
    /// </summary>
    private static void AssertGoneCausesAreNotActive(RuleEngine engine, List<Sample> stored)
    {
        var cod = stored.Select(s => (s.Timestamp, Reading: s.Readings[0])).ToList();
        Check(RuleKind.Instantaneous, r => r.Status == DeviceStatus.Measuring && r.Value > ClearlyGood, r => r.Status == DeviceStatus.Measuring);
        Check(RuleKind.DeviceFault, r => r.Status == DeviceStatus.Fault, r => r.Status == DeviceStatus.Measuring);

        void Check(RuleKind rule, Func<Reading, bool> present, Func<Reading, bool> absent)
        {
            if (engine.Alerts.ActiveFor(new AlertCause(Station, "COD", rule)) is not { } alert)
            {
                return;
            }

            var lastPresent = cod.FindLastIndex(r => present(r.Reading));
            var gone = cod.Skip(lastPresent + 1).Where(r => absent(r.Reading)).Select(r => r.Timestamp).ToList();
            Assert.True(
                gone.Count == 0 || gone[^1] - gone[0] < alert.ClearAfter,
                $"{alert} is still active though {rule} has been gone from {gone.FirstOrDefault():O} to {gone.LastOrDefault():O} (clear after {alert.ClearAfter}). Last readings: " +
                string.Join(", ", cod.TakeLast(12).Select(c => $"{c.Timestamp:HH:mm} {c.Reading.Value:F0} {c.Reading.Status}")));
        }
    }
}
