using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Notifications;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;
using EnvMonitoring.Testing;
using Microsoft.Extensions.DependencyInjection;
using static EnvMonitoring.Cloud.Tests.Notifications.WebhookSettings;

namespace EnvMonitoring.Cloud.Tests.Notifications;

/// <summary>The rules engine's own events, handed to the notifier as the alert service does.</summary>
public sealed class RuleEngineNotificationTests
{
    [Fact]
    public async Task An_exceedance_the_engine_finds_and_its_escalation_reach_the_webhook_in_order()
    {
        await using var receiver = await WebhookTestReceiver.StartAsync();
        await using var host = await NotifierHost.StartAsync(Webhook(0, "ops", receiver.Url, kinds: ["Opened", "Escalated"]));
        // QCVN 40:2011 column B with Kq 0.9 and Kf 1.0: COD 135 mg/L.
        var limits = StationLimits.Resolve(RegulationLibrary.Default, new LimitDeclaration
        {
            Regulation = "QCVN 40:2011/BTNMT",
            Column = "B",
            Site = SiteInputs.ForWastewater(1200).WithRiver(30),
        });
        var engine = new RuleEngine(TimeProvider.System);
        engine.Configure(StationRuleProfile.Create("ENG-NOTIFY-01", Medium.Water, limits));
        var cod = ParameterCatalog.Default["COD"];
        var now = DateTimeOffset.UtcNow;
        var events = new List<AlertEvent>();

        engine.Evaluate(new Sample("ENG-NOTIFY-01", now.AddMinutes(-5), [new Reading(cod, 180)]), events);
        engine.Evaluate(new Sample("ENG-NOTIFY-01", now, [new Reading(cod, 300)]), events);
        foreach (var e in events)
        {
            host.Notifier.Notify(new AlertNotice("EngineNotifyPark", e.Cause.Station, e));
        }

        var instantaneous = events.Where(e => e.Cause.Rule == RuleKind.Instantaneous).ToList();
        await Eventually.UntilAsync(() => receiver.Accepted.Count == events.Count(e => e.Kind is AlertEventKind.Opened or AlertEventKind.Escalated), TimeSpan.FromSeconds(30), "the engine's events arrived");
        var received = receiver.Accepted.Select(r => r.Json).Where(j => j.GetProperty("rule").GetString() == "instantaneous").ToList();
        Assert.Equal(["opened", "escalated"], received.Select(j => j.GetProperty("event").GetString()));
        Assert.Equal([Severity.From1Point1, Severity.From2], instantaneous.Select(e => e.Severity));
        Assert.Equal(["from1point1", "from2"], received.Select(j => j.GetProperty("severity").GetString()));
        Assert.Equal(180 / 135.0, received[0].GetProperty("multiple").GetDouble(), 9);
        Assert.Equal(300, received[1].GetProperty("value").GetDouble());
        Assert.Equal(135, received[1].GetProperty("limitMax").GetDouble());
    }

    [Fact]
    public async Task The_host_alert_service_listener_sends_what_the_registry_knows_and_the_alert_peak()
    {
        await using var receiver = await WebhookTestReceiver.StartAsync();
        await using var host = await NotifierHost.StartAsync(
            Webhook(0, "ops", receiver.Url, minSeverity: "From2").Append(Setting("DashboardUrl", "https://envmon.example.vn/")));
        var limits = StationLimits.Resolve(RegulationLibrary.Default, new LimitDeclaration
        {
            Regulation = "QCVN 40:2011/BTNMT",
            Column = "B",
            Site = SiteInputs.ForWastewater(1200).WithRiver(30),
        });
        var profile = StationRuleProfile.Create("LISTEN-01", Medium.Water, limits);
        var station = new RegisteredStation("ListenPark", "LISTEN-01", "Trạm xử lý nước thải Sông Công", Medium.Water, TimeSpan.FromMinutes(5), profile);
        var engine = new RuleEngine(TimeProvider.System);
        engine.Configure(profile);
        var cod = ParameterCatalog.Default["COD"];
        var now = DateTimeOffset.UtcNow;
        var events = new List<AlertEvent>();
        engine.Evaluate(new Sample("LISTEN-01", now, [new Reading(cod, 405)]), events);
        var opened = events.Single(e => e.Cause.Rule == RuleKind.Instantaneous);
        // The cause goes away for the clear time (15 min of measurement time), so the alert may be resolved.
        engine.Evaluate(new Sample("LISTEN-01", now.AddMinutes(5), [new Reading(cod, 40)]), events);
        engine.Evaluate(new Sample("LISTEN-01", now.AddMinutes(20), [new Reading(cod, 40)]), events);
        var resolved = engine.Resolve(opened.AlertId, "Nguyễn Văn An", "Sự cố bơm định lượng đã khắc phục");
        var listener = host.Services.GetServices<IRulesListener>().Single();
        Assert.False(engine.Alerts.TryGet(opened.AlertId, out _));

        // The service hands each transition with the view of the alert after it; a resolved alert's
        // view still carries its peak, which routes its resolution past MinSeverity From2.
        var view = new AlertView(opened.AlertId.Value, "ListenPark", "LISTEN-01", "COD", "instantaneous", "none", "from3",
            null, null, null, 135, "mg/L", now, now, now, false, false, null, null, null, "Nguyễn Văn An", now, "Sự cố bơm định lượng đã khắc phục", "resolved");
        listener.OnTransition(new AlertTransition(station.Park, station, resolved, view));
        await Eventually.UntilAsync(() => receiver.Accepted.Count == 1, TimeSpan.FromSeconds(30), "the resolution arrived");

        var json = receiver.Accepted[0].Json;
        Assert.Equal("resolved", json.GetProperty("event").GetString());
        Assert.Equal("ListenPark", json.GetProperty("park").GetString());
        Assert.Equal("Trạm xử lý nước thải Sông Công", json.GetProperty("stationName").GetString());
        Assert.Equal("from3", json.GetProperty("peak").GetString());
        Assert.Equal("Nguyễn Văn An", json.GetProperty("user").GetString());
        Assert.Equal("Sự cố bơm định lượng đã khắc phục", json.GetProperty("note").GetString());
        Assert.StartsWith("https://envmon.example.vn/#/alerts/LISTEN-01%2FCOD%2FInstantaneous%2F", json.GetProperty("link").GetString(), StringComparison.Ordinal);
    }
}
