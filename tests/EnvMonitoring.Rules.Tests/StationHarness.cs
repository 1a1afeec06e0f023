using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Rules.Tests;

/// <summary>
/// One station under test: an engine on a fake clock that sends readings at given measurement
/// times (the clock follows them unless a test says the data arrives later) and keeps every event.
/// </summary>
internal sealed class StationHarness
{
    public const string Station = "YB-WWTP-01";

    /// <summary>A local midnight in Thai Nguyen: 2025-11-03 00:00 +07:00 = 2025-11-02 17:00 UTC.</summary>
    public static readonly DateTimeOffset Midnight = new(2025, 11, 3, 0, 0, 0, TimeSpan.FromHours(7));

    public StationHarness(
        IEnumerable<ParameterLimit> limits, RuleSettings? settings = null, IEnumerable<string>? monitored = null, AlertBook? book = null, DateTimeOffset? start = null,
        Medium medium = Medium.Water, TimeSpan? acknowledgeWithin = null)
    {
        Time = new FakeTimeProvider(start ?? Midnight);
        Engine = new RuleEngine(Time, book) { AcknowledgeWithin = acknowledgeWithin };
        Profile = StationRuleProfile.Create(Station, medium, limits, monitored?.Select(c => Catalog[c]), settings);
        Engine.Configure(Profile);
    }

    public static ParameterCatalog Catalog => ParameterCatalog.Default;

    public FakeTimeProvider Time { get; }

    public RuleEngine Engine { get; }

    public StationRuleProfile Profile { get; }

    public List<AlertEvent> Events { get; } = [];

    /// <summary>QCVN 40:2011 column B with Kq = Kf = 1 (river 100 m³/s, 1,200 m³/24 h): COD 150, pH 5.5–9, Temp 40…</summary>
    public static IReadOnlyList<ParameterLimit> Qcvn40B() => StationLimits.Resolve(
        RegulationLibrary.Default,
        new LimitDeclaration { Regulation = "QCVN 40:2011/BTNMT", Column = "B", Site = SiteInputs.ForWastewater(1200).WithRiver(100) });

    public static ParameterLimit Max(string code, double max) => new(Catalog[code], null, max, LimitSource.Permit, Confidence.Confirmed, "test");

    public static Reading R(string code, double value, DeviceStatus status = DeviceStatus.Measuring) => new(Catalog[code], value, status);

    /// <summary>Sends readings measured at <paramref name="measuredAt"/>, arriving then (the clock moves forward to it).</summary>
    public List<AlertEvent> Send(DateTimeOffset measuredAt, params Reading[] readings) => SendAt(measuredAt, measuredAt, readings);

    /// <summary>Sends readings measured at <paramref name="measuredAt"/> that arrive at <paramref name="now"/>.</summary>
    public List<AlertEvent> SendAt(DateTimeOffset now, DateTimeOffset measuredAt, params Reading[] readings)
    {
        AdvanceTo(now);
        var events = new List<AlertEvent>();
        Assert.Equal(EvaluationOutcome.Evaluated, Engine.Evaluate(Station, measuredAt, readings, events));
        Events.AddRange(events);
        return events;
    }

    /// <summary>Sends one reading every 5 minutes from <paramref name="from"/>, <paramref name="count"/> times.</summary>
    public List<AlertEvent> Series(DateTimeOffset from, int count, Func<int, Reading[]> readings)
    {
        var events = new List<AlertEvent>();
        for (var i = 0; i < count; i++)
        {
            events.AddRange(Send(from.AddMinutes(5 * i), readings(i)));
        }

        return events;
    }

    public List<AlertEvent> Tick(DateTimeOffset now)
    {
        AdvanceTo(now);
        var events = new List<AlertEvent>();
        Engine.Tick(events);
        Events.AddRange(events);
        return events;
    }

    public Alert? Active(string? parameter, RuleKind rule) => Engine.Alerts.ActiveFor(new AlertCause(Station, parameter, rule));

    public static List<AlertEvent> Of(IEnumerable<AlertEvent> events, RuleKind rule) => events.Where(e => e.Cause.Rule == rule).ToList();

    /// <summary>Settings with every rule off except <paramref name="rules"/>.</summary>
    public static RuleSettings Only(params RuleKind[] rules) =>
        RuleSettings.Default with { Disabled = Enum.GetValues<RuleKind>().Except(rules).ToHashSet() };

    private void AdvanceTo(DateTimeOffset now)
    {
        if (now > Time.GetUtcNow())
        {
            Time.SetUtcNow(now);
        }
    }
}
