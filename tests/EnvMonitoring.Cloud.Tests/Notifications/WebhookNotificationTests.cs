using System.Diagnostics.Metrics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static EnvMonitoring.Cloud.Tests.Notifications.WebhookSettings;

namespace EnvMonitoring.Cloud.Tests.Notifications;

/// <summary>Webhook delivery to a real HTTP receiver (Kestrel on 127.0.0.1).</summary>
public sealed class WebhookNotificationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Delivers_signed_json_that_the_receiver_verifies_with_the_shared_secret()
    {
        await using var receiver = await WebhookTestReceiver.StartAsync();
        await using var host = await NotifierHost.StartAsync(Webhook(0, "ops", receiver.Url));
        var notice = Notices.Cod("WhSignPark", "WH-SIGN-01", AlertEventKind.Opened, Severity.From1Point5, 1.62, 7) with { DashboardUrl = new Uri("https://envmon.example.vn/app/") };

        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        host.Notifier.Notify(notice);
        await Eventually.UntilAsync(() => receiver.Accepted.Count == 1, Timeout, "the receiver accepted the event");

        var request = receiver.Accepted.Single();
        // The receiver's own check, written from the documentation, not with the sender's code.
        var expected = ReceiverSignature(Secret, request);
        Assert.Equal(expected, request.Signature);
        var timestamp = long.Parse(request.Timestamp, CultureInfo.InvariantCulture);
        Assert.InRange(timestamp, before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.NotEqual(expected, ReceiverSignature("another-secret-0123456789", request));
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal("opened", request.Event);

        var json = request.Json;
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal(request.DeliveryId, json.GetProperty("deliveryId").GetString());
        Assert.Equal(32, request.DeliveryId.Length);
        Assert.Equal("opened", json.GetProperty("event").GetString());
        Assert.Equal("WH-SIGN-01/COD/Instantaneous/7", json.GetProperty("alertId").GetString());
        Assert.Equal(7, json.GetProperty("sequence").GetInt64());
        Assert.Equal("WhSignPark", json.GetProperty("park").GetString());
        Assert.Equal("WH-SIGN-01", json.GetProperty("station").GetString());
        Assert.Equal("Nhà máy XLNT tập trung Yên Bình", json.GetProperty("stationName").GetString());
        Assert.Equal("COD", json.GetProperty("parameter").GetString());
        Assert.Equal("mg/L", json.GetProperty("unit").GetString());
        Assert.Equal("instantaneous", json.GetProperty("rule").GetString());
        Assert.Equal("from1point5", json.GetProperty("severity").GetString());
        Assert.Equal("from1point5", json.GetProperty("peak").GetString());
        Assert.Equal(1.62, json.GetProperty("multiple").GetDouble());
        Assert.Equal(1.62 * 135, json.GetProperty("value").GetDouble(), 9);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("limitMin").ValueKind);
        Assert.Equal(135, json.GetProperty("limitMax").GetDouble());
        Assert.Equal("2026-11-30T18:05:00+07:00", json.GetProperty("measuredAt").GetString());
        Assert.Equal("2026-11-30T18:05:00+07:00", json.GetProperty("openedAt").GetString());
        Assert.False(json.GetProperty("late").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("user").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("note").ValueKind);
        Assert.Equal("https://envmon.example.vn/app/#/alerts/WH-SIGN-01%2FCOD%2FInstantaneous%2F7", json.GetProperty("link").GetString());
        var sentAt = json.GetProperty("sentAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(7), sentAt.Offset);
        Assert.Equal(timestamp, sentAt.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Receiver_failing_twice_then_succeeding_gets_the_event_exactly_once()
    {
        await using var receiver = await WebhookTestReceiver.StartAsync(503, 500);
        await using var host = await NotifierHost.StartAsync(Webhook(0, "flaky", receiver.Url));
        host.Log.ExpectEvent("Retrying", "the receiver answers 503 and 500 before 200");
        using var meters = new MeterTally(host.Services.GetRequiredService<IMeterFactory>());

        host.Notifier.Notify(Notices.Cod("WhRetryPark", "WH-RETRY-01", AlertEventKind.Opened, Severity.Warning, 1.05, 1));
        var queue = host.Receiver("flaky");
        await Eventually.UntilAsync(() => queue.Sent == 1 && queue.Pending == 0, Timeout, "the delivery succeeded");

        Assert.Equal([503, 500, 200], receiver.Requests.Select(r => r.Status));
        Assert.Single(receiver.Accepted);
        Assert.Single(receiver.Requests.Select(r => r.DeliveryId).Distinct());
        Assert.Equal((1, 0, 2), (queue.Sent, queue.Failed, queue.Retried));
        Assert.Equal(1, meters["envmon.notifications.sent;channel=webhook;receiver=flaky"]);
        Assert.Equal(2, meters["envmon.notifications.retried;channel=webhook;receiver=flaky"]);
        Assert.Equal(0, meters["envmon.notifications.failed;channel=webhook;receiver=flaky"]);
        Assert.Equal(2, host.Log.AtLeast(LogLevel.Warning).Count(e => e.Message.Contains("retry", StringComparison.Ordinal)));
        Assert.Empty(host.Log.AtLeast(LogLevel.Error));
    }

    [Fact]
    public async Task Bad_request_is_not_retried_and_is_logged_as_an_error()
    {
        await using var receiver = await WebhookTestReceiver.StartAsync(400);
        await using var host = await NotifierHost.StartAsync(Webhook(0, "strict", receiver.Url));
        host.Log.ExpectEvent("Refused", "the receiver answers 400");

        host.Notifier.Notify(Notices.Cod("WhBadPark", "WH-BAD-01", AlertEventKind.Opened, Severity.From2, 2.4, 1));
        var queue = host.Receiver("strict");
        await Eventually.UntilAsync(() => queue.Failed == 1 && queue.Pending == 0, Timeout, "the refusal was recorded");

        Assert.Single(receiver.Requests);
        Assert.Equal((0, 1, 0), (queue.Sent, queue.Failed, queue.Retried));
        var error = Assert.Single(host.Log.AtLeast(LogLevel.Error)).Message;
        Assert.Contains("HTTP 400", error, StringComparison.Ordinal);
        Assert.Contains("not retried", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routes_by_park_and_severity_and_tells_how_an_alert_ends_whoever_was_told_it_opened()
    {
        await using var all = await WebhookTestReceiver.StartAsync();
        await using var serious = await WebhookTestReceiver.StartAsync();
        await using var host = await NotifierHost.StartAsync(
            Webhook(0, "all", all.Url).Concat(Webhook(1, "serious-north", serious.Url, "From2", ["WhNorth"])));

        string[] sent =
        [
            Notify(host, "WhNorth", "WH-N-01", AlertEventKind.Opened, Severity.From1Point1, 1.2, 1),   // all only: below From2
            Notify(host, "WhSouth", "WH-S-01", AlertEventKind.Opened, Severity.From3, 3.5, 2),         // all only: other park
            Notify(host, "WhNorth", "WH-N-02", AlertEventKind.Opened, Severity.From2, 2.1, 3),         // both
            Notify(host, "WhNorth", "WH-N-02", AlertEventKind.DeEscalated, Severity.Warning, 1.05, 4, 3), // nobody: not a default kind
            Notify(host, "WhNorth", "WH-N-02", AlertEventKind.Cleared, Severity.None, 0.5, 5, 3),      // both: the alert peaked at From2
            Notify(host, "WhNorth", "WH-N-03", AlertEventKind.Opened, Severity.Approaching, 0.85, 6),  // nobody: below the default Warning
        ];

        await Eventually.UntilAsync(() => host.Notifier.Pending == 0 && all.Accepted.Count == 4 && serious.Accepted.Count == 2, Timeout, "both receivers got their events");

        Assert.Equal(new[] { sent[0], sent[1], sent[2], sent[4] }.Order(StringComparer.Ordinal), Received(all).Order(StringComparer.Ordinal));
        Assert.Equal([sent[2], sent[4]], Received(serious));
        Assert.Equal("from2", serious.Accepted[1].Json.GetProperty("peak").GetString());
        Assert.Equal("none", serious.Accepted[1].Json.GetProperty("severity").GetString());
        Assert.Equal((4, 2), (host.Receiver("all").Sent, host.Receiver("serious-north").Sent));
    }

    [Fact]
    public async Task Events_of_one_alert_arrive_in_order_even_when_the_first_is_retried()
    {
        var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await WebhookTestReceiver.StartAsync((n, _) =>
        {
            firstSeen.TrySetResult();
            return Task.FromResult(n <= 2 ? 429 : 200);
        });
        await using var host = await NotifierHost.StartAsync(Webhook(0, "ordered", receiver.Url, kinds: ["Opened", "Escalated", "Cleared"]));
        host.Log.ExpectEvent("Retrying", "the receiver answers 429 twice");

        host.Notifier.Notify(Notices.Cod("WhOrderPark", "WH-ORDER-01", AlertEventKind.Opened, Severity.Warning, 1.02, 1));
        await firstSeen.Task.WaitAsync(Timeout);
        host.Notifier.Notify(Notices.Cod("WhOrderPark", "WH-ORDER-01", AlertEventKind.Escalated, Severity.From1Point5, 1.7, 2, 1));
        host.Notifier.Notify(Notices.Cod("WhOrderPark", "WH-ORDER-01", AlertEventKind.Cleared, Severity.None, 0.4, 3, 1));
        await Eventually.UntilAsync(() => receiver.Accepted.Count == 3, Timeout, "all three events were accepted");

        Assert.Equal(["opened", "opened", "opened", "escalated", "cleared"], receiver.Requests.Select(r => r.Event));
        Assert.Equal([1L, 2L, 3L], receiver.Accepted.Select(r => r.Json.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task Connection_refused_is_retried_until_the_receiver_comes_up()
    {
        var port = FreePort.Next();
        var url = new Uri($"http://127.0.0.1:{port}/hook");
        await using var host = await NotifierHost.StartAsync(Webhook(0, "late-starter", url));
        host.Log.ExpectEvent("Retrying", "nothing listens on the receiver's port at first");
        var queue = host.Receiver("late-starter");

        host.Notifier.Notify(Notices.Cod("WhDownPark", "WH-DOWN-01", AlertEventKind.Opened, Severity.From5, 6.1, 1));
        await Eventually.UntilAsync(() => queue.Retried >= 2, Timeout, "two attempts met a closed port");
        await using var receiver = await WebhookTestReceiver.StartAsync((_, _) => Task.FromResult(200), port);
        await Eventually.UntilAsync(() => queue.Sent == 1, Timeout, "the delivery went through once the receiver listened");

        Assert.Single(receiver.Accepted);
        Assert.Contains(host.Log.AtLeast(LogLevel.Warning), e => e.Message.Contains("ConnectionError", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gives_up_after_the_retry_limit_with_an_error()
    {
        await using var receiver = await WebhookTestReceiver.StartAsync((_, _) => Task.FromResult(502));
        // Retries every 50–200 ms for 10 s: many attempts even when a loaded machine makes the first one slow.
        await using var host = await NotifierHost.StartAsync(Webhook(0, "down", receiver.Url).Append(Setting("RetryFor", "00:00:10")));
        host.Log.ExpectEvent("Retrying", "the receiver answers 502 every time")
            .ExpectEvent("GaveUp", "the receiver answers 502 every time");
        var queue = host.Receiver("down");

        host.Notifier.Notify(Notices.Cod("WhGiveUpPark", "WH-GIVEUP-01", AlertEventKind.Opened, Severity.From10, 12, 1));
        await Eventually.UntilAsync(() => queue.Failed == 1 && queue.Pending == 0, Timeout + Timeout, "the delivery was given up");

        Assert.True(receiver.Requests.Count >= 2, $"only {receiver.Requests.Count} attempt(s) before giving up: {string.Join("\n", host.Log.Entries)}");
        Assert.Equal(receiver.Requests.Count - 1, queue.Retried);
        var error = Assert.Single(host.Log.AtLeast(LogLevel.Error)).Message;
        Assert.Contains("gave up", error, StringComparison.Ordinal);
        Assert.Contains("HTTP 502", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_outbox_refuses_new_notices_keeps_the_waiting_ones_and_says_so_without_blocking_the_caller()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await WebhookTestReceiver.StartAsync(async (_, _) =>
        {
            firstArrived.TrySetResult();
            await release.Task;
            return 200;
        });
        await using var host = await NotifierHost.StartAsync(
            Webhook(0, "stuck", receiver.Url).Append(Setting("QueueCapacity", "2")).Append(Setting("LanesPerReceiver", "1")));
        using var meters = new MeterTally(host.Services.GetRequiredService<IMeterFactory>());
        host.Log.ExpectEvent("OutboxFull", "the receiver holds the first delivery while five more arrive for an outbox of two");
        var queue = host.Receiver("stuck");

        host.Notifier.Notify(Notices.Cod("WhFullPark", "WH-FULL-01", AlertEventKind.Opened, Severity.From2, 2.2, 1));
        await firstArrived.Task.WaitAsync(Timeout);
        for (var i = 2; i <= 6; i++)
        {
            host.Notifier.Notify(Notices.Cod("WhFullPark", $"WH-FULL-0{i}", AlertEventKind.Opened, Severity.From2, 2.2, i));
        }

        Assert.Equal(4, queue.Dropped);
        Assert.Equal(4, meters["envmon.notifications.dropped;channel=webhook;receiver=stuck"]);
        Assert.Equal(2, queue.Pending);
        Assert.Equal(4, host.Log.AtLeast(LogLevel.Error).Count(e => e.Is("OutboxFull") && e.Message.Contains("is refused and the waiting ones are kept", StringComparison.Ordinal)));
        var health = Assert.Single(host.Notifier.Health());
        Assert.Equal(("stuck", 2, 2, 4L, true), (health.Receiver, health.Waiting, health.Capacity, health.Refused, health.Full));
        release.SetResult();
        await Eventually.UntilAsync(() => queue.Sent == 2 && queue.Pending == 0, Timeout, "the two queued deliveries went out");
        Assert.Equal(["WH-FULL-01", "WH-FULL-02"], receiver.Accepted.Select(r => r.Json.GetProperty("station").GetString()));
    }

    private static string ReceiverSignature(string secret, ReceivedRequest request)
    {
        byte[] signed = [.. Encoding.UTF8.GetBytes(request.Timestamp + "."), .. request.Body];
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    private static string Notify(NotifierHost host, string park, string station, AlertEventKind kind, Severity severity, double multiple, long sequence, long opened = 0)
    {
        var notice = Notices.Cod(park, station, kind, severity, multiple, sequence, opened);
        host.Notifier.Notify(notice);
        return $"{notice.Event.AlertId}#{sequence}";
    }

    private static IEnumerable<string> Received(WebhookTestReceiver receiver) =>
        receiver.Accepted.Select(r => $"{r.Json.GetProperty("alertId").GetString()}#{r.Json.GetProperty("sequence").GetInt64()}");
}
