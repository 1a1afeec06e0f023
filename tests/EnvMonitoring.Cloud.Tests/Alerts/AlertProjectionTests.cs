using System.Text.Json;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Backtest;
using EnvMonitoring.Cloud.Notifications;
using EnvMonitoring.Cloud.Notifications.Email;
using EnvMonitoring.Cloud.Notifications.Webhooks;
using EnvMonitoring.Cloud.Reports;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Tests.Alerts;

/// <summary>
/// Every way an alert leaves the host — the API's alert and event views (the hub sends the same
/// alert view), the webhook, the e-mail, the back-test's JSON and the compliance report — says
/// the same thing about a one-sided limit and a multiple against a zero reading: nothing, never
/// infinity (which JSON cannot even carry).
/// </summary>
public sealed class AlertProjectionTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    // A lower limit only (dissolved oxygen style, modelled on O2): the open side is +∞ in the engine's limit shape,
    // and a reading of 0 makes the multiple min / value = +∞.
    private static readonly AlertEvent Event = new()
    {
        Sequence = 7,
        AlertId = new AlertId("INF-01/O2/Instantaneous/1"),
        Cause = new AlertCause("INF-01", "O2", RuleKind.Instantaneous),
        Kind = AlertEventKind.Opened,
        Severity = Severity.From10,
        Multiple = double.PositiveInfinity,
        Value = 0,
        LimitMin = 6,
        LimitMax = double.PositiveInfinity,
        MeasuredAt = Opened,
        At = Opened.AddSeconds(2),
        OpenedAt = Opened,
        ClearAfter = TimeSpan.FromMinutes(10),
    };

    [Fact]
    public void Infinite_limit_and_multiple_are_null_in_every_json_projection()
    {
        var alert = AlertBook.Replay([Event]).Unresolved.Single();
        var projections = new Dictionary<string, JsonElement>
        {
            ["alert view (API, hub)"] = Json(JsonSerializer.Serialize(AlertView.Of(alert, "InfPark", Event, ParameterCatalog.Default), JsonSerializerOptions.Web)),
            ["event view (API)"] = Json(JsonSerializer.Serialize(AlertEventView.Of(Event), JsonSerializerOptions.Web)),
            ["webhook"] = Json(JsonSerializer.Serialize(WebhookPayload.From(Delivery(), Opened), WebhookJsonContext.Default.WebhookPayload)),
            ["back-test"] = Json(JsonSerializer.Serialize(BacktestJson.Of(Backtest(), []), BacktestJsonContext.Default.BacktestJson)).GetProperty("events")[0],
            ["report"] = Json(JsonSerializer.Serialize(Report(), ReportJson.Options)).GetProperty("alerts")[0],
        };

        foreach (var (name, json) in projections)
        {
            Assert.True(json.GetProperty("limitMax").ValueKind == JsonValueKind.Null, $"{name}: limitMax {json.GetProperty("limitMax")}");
            Assert.True(json.GetProperty("multiple").ValueKind == JsonValueKind.Null, $"{name}: multiple {json.GetProperty("multiple")}");
            Assert.True(json.GetProperty("limitMin").GetDouble() == 6, $"{name}: limitMin {json.GetProperty("limitMin")}");
            Assert.True(json.GetProperty("value").GetDouble() == 0, $"{name}: value {json.GetProperty("value")}");
            Assert.True(json.GetProperty("severity").GetString() == "from10", $"{name}: severity {json.GetProperty("severity")}");
            Assert.True(json.GetProperty("rule").GetString() == "instantaneous", $"{name}: rule {json.GetProperty("rule")}");
        }

        foreach (var name in new[] { "event view (API)", "webhook", "back-test", "report" })
        {
            Assert.Equal("opened", projections[name].GetProperty("event").GetString());
            Assert.Equal("2026-11-30T08:00:00+07:00", projections[name].GetProperty("measuredAt").GetString());
        }
    }

    [Fact]
    public void Infinite_limit_and_multiple_are_left_out_of_the_email()
    {
        var mail = AlertMailText.For(Delivery());
        var text = mail.ToPlainText() + mail.ToHtml() + mail.Subject;
        Assert.DoesNotContain("∞", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("≥ 6", text, StringComparison.Ordinal);
        Assert.Contains(mail.Rows, row => row.Label.En == "Value" && row.Value == "0 %");
    }

    // pH 4.5 under 6–9: the lower bound 6 is broken; Decree 45 bands pH by value, so there is no multiple.
    private static readonly AlertEvent LowPh = new()
    {
        Sequence = 8,
        AlertId = new AlertId("PH-01/pH/Instantaneous/8"),
        Cause = new AlertCause("PH-01", "pH", RuleKind.Instantaneous),
        Kind = AlertEventKind.Opened,
        Severity = Severity.From1Point1,
        Value = 4.5,
        LimitMin = 6,
        LimitMax = 9,
        Bound = Rules.Limits.LimitBound.Lower,
        Band = 1,
        MeasuredAt = Opened,
        At = Opened.AddSeconds(2),
        OpenedAt = Opened,
        ClearAfter = TimeSpan.FromMinutes(10),
    };

    [Fact]
    public void A_range_limit_is_said_by_the_bound_broken_in_every_json_projection()
    {
        var alert = AlertBook.Replay([LowPh]).Unresolved.Single();
        var delivery = new Delivery("ops", new AlertNotice("PhPark", "PH-01", LowPh, "Trạm pH"), Severity.From1Point1, Opened);
        var view = Json(JsonSerializer.Serialize(AlertView.Of(alert, "PhPark", LowPh, ParameterCatalog.Default), JsonSerializerOptions.Web));
        var projections = new Dictionary<string, JsonElement>
        {
            ["alert view (API, hub)"] = view,
            ["event view (API)"] = Json(JsonSerializer.Serialize(AlertEventView.Of(LowPh), JsonSerializerOptions.Web)),
            ["webhook"] = Json(JsonSerializer.Serialize(WebhookPayload.From(delivery, Opened), WebhookJsonContext.Default.WebhookPayload)),
        };

        foreach (var (name, json) in projections)
        {
            Assert.True(json.GetProperty("bound").GetString() == "lower", $"{name}: bound {json.GetProperty("bound")}");
            Assert.True(json.GetProperty("limit").GetDouble() == 6, $"{name}: limit {json.GetProperty("limit")}");
            Assert.True(json.GetProperty("band").GetInt32() == 1, $"{name}: band {json.GetProperty("band")}");
            Assert.True(json.GetProperty("multiple").ValueKind == JsonValueKind.Null, $"{name}: multiple {json.GetProperty("multiple")}");
        }

        Assert.Equal((4.5, "lower", 6.0), (view.GetProperty("peakValue").GetDouble(), view.GetProperty("peakBound").GetString(), view.GetProperty("peakLimit").GetDouble()));
        var mail = AlertMailText.For(delivery);
        Assert.Equal("[EnvMonitoring] VƯỢT NGƯỠNG pH 4.5 < 6 — PH-01 / Exceedance pH 4.5 < 6 — PH-01", mail.Subject);
        Assert.Contains(mail.Rows, row => row.Label.En == "Value" && row.Value == "4.5 (< 6)");
        Assert.Contains(mail.Rows, row => row.Label.En == "Severity" && row.Value.Contains("pH outside its range, band 1 (Decree 45/2022, to verify)", StringComparison.Ordinal));
        Assert.DoesNotContain("lần", mail.Rows.Single(row => row.Label.En == "Severity").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_stored_before_bounds_were_recorded_still_read_and_show_no_made_up_multiple()
    {
        // As an earlier version stored a pH alert in InfluxDB: a multiple from the range's middle, no bound.
        const string stored = """
            {"Sequence":3,"AlertId":{"Value":"PH-01/pH/Instantaneous/3"},"Cause":{"Station":"PH-01","Parameter":"pH","Rule":"Instantaneous"},
             "Kind":"Opened","Severity":"from2","Multiple":2,"Value":4.5,"LimitMin":6,"LimitMax":9,
             "MeasuredAt":"2026-11-30T01:00:00+00:00","At":"2026-11-30T01:00:02+00:00","OpenedAt":"2026-11-30T01:00:00+00:00",
             "ClearAfter":"00:15:00","User":null,"Note":null,"Late":false}
            """;

        var e = AlertEventStore.Parse(stored);

        Assert.Equal((3L, Severity.From2, 4.5, (Rules.Limits.LimitBound?)null, (int?)null), (e.Sequence, e.Severity, e.Value!.Value, e.Bound, e.Band));
        Assert.Null(AlertEventView.Of(e).Multiple);
        Assert.Equal(e.Value, AlertEventStore.Parse(AlertEventStore.Format(e)).Value);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static Delivery Delivery() =>
        new("ops", new AlertNotice("InfPark", "INF-01", Event, "Trạm thử", "%"), Severity.From10, Opened);

    private static RegisteredStation Station()
    {
        var profile = StationRuleProfile.Create("INF-01", Medium.Air, []);
        return new RegisteredStation("InfPark", "INF-01", "Trạm thử", Medium.Air, TimeSpan.FromMinutes(1), profile);
    }

    private static BacktestResult Backtest() =>
        new(Station(), RuleSettings.Default, Opened, Opened.AddHours(1), Opened.AddHours(-25), 1, 0, [Event], [], [], new EngineCounters());

    private static ComplianceReport Report() =>
        new("INF-01", "InfPark", "Trạm thử", "air", Opened, Opened.AddDays(1), Opened, "test", 60, 0.8, "hourlyMean", "decree45-2022",
            [], [AlertEventView.Of(Event)], null, []);
}
