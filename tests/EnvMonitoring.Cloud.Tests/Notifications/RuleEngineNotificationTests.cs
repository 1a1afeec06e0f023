using EnvMonitoring.Cloud.Notifications;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;
using EnvMonitoring.Testing;
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
}
