using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Broker;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Commands;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;
using MQTTnet;

namespace EnvMonitoring.Integration.Tests.Calibration;

/// <summary>
/// <c>POST /api/stations/{station}/calibration</c> on the real cloud host with its embedded broker
/// (authentication and ACL on): the command is published retained on the station's command topic
/// as the cloud — a gateway of the park that subscribes later gets it — an end replaces it, each
/// is audited, and bad requests and other parks' operators are refused before anything is sent.
/// </summary>
public sealed class CalibrationApiTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private const string Park = "CalApiPark";
    private const string OtherPark = "CalApiOther";
    private const string Station = "CALAPI-01";
    private const string OtherStation = "CALAPIB-01";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly TestBrokerClient Gateway = TestBrokerClient.ForGateway(Park, "calapi-gw-01");

    /// <summary>An operator of the other park only.</summary>
    private static readonly TestUser OtherOperator = new("t-other-operator", "other-operator-secret-1", ["operator"], [OtherPark]);

    /// <param name="inProcess">True: injected into the embedded broker; false: published on ingestion's own MQTT connection (the external broker's path).</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_start_is_published_retained_with_an_absolute_until_an_end_replaces_it_and_both_are_audited(bool inProcess)
    {
        await using var cloud = await StartAsync(inProcess);
        if (!inProcess)
        {
            cloud.Log.ExpectEvent("StopRaced", "MQTTnet 5.2's listener clean-up races its accept loop when the broker stops with a subscriber attached (reported)");
        }

        using var @operator = cloud.ClientFor(TestUsers.Operator);
        var before = DateTimeOffset.UtcNow;

        using var start = await @operator.PostAsJsonAsync(Route(Station), new { active = true, parameters = new[] { "pH", "COD", "pH" }, minutes = 30 });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var sent = await start.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Topics.CalibrationCommand(Park, Station), sent.GetProperty("topic").GetString());
        Assert.Equal(["pH", "COD"], sent.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()));
        var until = sent.GetProperty("until").GetDateTimeOffset();
        Assert.InRange(until, before.AddMinutes(30).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(30)); // whole seconds
        Assert.Equal(TimeSpan.FromHours(7), until.Offset);

        // A gateway of the park that connects after the call still gets it: retained, as the node would read it.
        var received = await RetainedCommandAsync(cloud);
        Assert.True(received.Retain, "the command is retained");
        Assert.Equal(sent.GetProperty("payload").GetString(), Encoding.UTF8.GetString(received.Payload.ToArray()));
        Assert.True(CalibrationCommand.TryParse(received.Payload.ToArray(), ParameterCatalog.Default, out var command, out var problem), problem);
        Assert.True(command!.Active);
        Assert.Equal(until, command.Until);

        using var end = await @operator.PostAsJsonAsync(Route(Station), new { active = false });
        Assert.Equal(HttpStatusCode.Accepted, end.StatusCode);
        var ended = await RetainedCommandAsync(cloud);
        Assert.Equal("""{"active":false}""", Encoding.UTF8.GetString(ended.Payload.ToArray()));

        var audit = await Eventually.ValueAsync(async () =>
        {
            var entries = await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/audit?action=calibration&station={Station}", UriKind.Relative));
            return entries.GetArrayLength() >= 2 ? entries : (JsonElement?)null;
        }, Wait, "both commands are in the audit log");
        Assert.All(audit.EnumerateArray(), e => Assert.Equal(TestUsers.Operator.Name, e.GetProperty("user").GetString()));
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("subject").GetString() == "pH,COD");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("subject").GetString() == "all");
    }

    [Fact]
    public async Task Bad_commands_viewers_and_other_parks_operators_are_refused_and_nothing_is_published()
    {
        await using var cloud = await StartAsync();
        using var @operator = cloud.ClientFor(TestUsers.Operator);

        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { active = true, parameters = new[] { "ph" }, minutes = 30 }, "parameters"),
            (new { active = true, parameters = new[] { "SO2" }, minutes = 30 }, "parameters"),
            (new { active = true, parameters = new[] { "pH" } }, "minutes"),
            (new { active = true, parameters = new[] { "pH" }, minutes = 0 }, "minutes"),
            (new { active = true, parameters = new[] { "pH" }, minutes = CalibrationCommand.MaxMinutes + 1 }, "minutes"),
            (new { parameters = new[] { "pH" }, minutes = 30 }, "active"),
        })
        {
            using var refused = await @operator.PostAsJsonAsync(Route(Station), body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), $"{JsonSerializer.Serialize(body)} names {field}");
        }

        using var unknown = await @operator.PostAsJsonAsync(Route("CALAPI-NONE"), new { active = true, minutes = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("station", out _));

        using var viewer = cloud.ClientFor(TestUsers.Viewer);
        using var byViewer = await viewer.PostAsJsonAsync(Route(Station), new { active = true, minutes = 5 });
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);

        // Another park's operator: 403 for this park's station and for one that does not exist alike.
        using var other = cloud.ClientFor(OtherOperator);
        using var notTheirs = await other.PostAsJsonAsync(Route(Station), new { active = true, minutes = 5 });
        using var nowhere = await other.PostAsJsonAsync(Route("CALAPI-NONE"), new { active = true, minutes = 5 });
        using var theirs = await other.PostAsJsonAsync(Route(OtherStation), new { active = true, minutes = 5 });
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, nowhere.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, theirs.StatusCode);

        // Nothing was published for this park's station: a gateway subscribing now gets no retained command.
        using var gateway = await BrokerClient.ConnectedAsync(cloud.MqttPort, Gateway.ClientId!, Gateway);
        var messages = new ConcurrentQueue<MqttApplicationMessage>();
        gateway.ApplicationMessageReceivedAsync += e =>
        {
            messages.Enqueue(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await BrokerClient.SubscribeAsync(gateway, Topics.ParkCommands(Park)));
        await gateway.PingAsync();
        Assert.Empty(messages);
    }

    private static string Route(string station) => $"/api/stations/{station}/calibration";

    private Task<CloudHost> StartAsync(bool inProcess = true)
    {
        var settings = new Dictionary<string, string>
        {
            ["Stations:0:Park"] = Park,
            ["Stations:0:Station"] = Station,
            ["Stations:0:Medium"] = "Water",
            ["Stations:0:Permit:0:Parameter"] = "pH",
            ["Stations:0:Permit:0:Min"] = "6",
            ["Stations:0:Permit:0:Max"] = "9",
            ["Stations:0:Permit:0:Reference"] = "Test permit 1/GP",
            ["Stations:0:Permit:1:Parameter"] = "COD",
            ["Stations:0:Permit:1:Max"] = "100",
            ["Stations:0:Permit:1:Reference"] = "Test permit 1/GP",
            ["Stations:1:Park"] = OtherPark,
            ["Stations:1:Station"] = OtherStation,
        };
        foreach (var (key, value) in OtherOperator.Settings(TestUsers.All.Count))
        {
            settings[key] = value;
        }

        if (!inProcess)
        {
            settings["Ingestion:InProcess"] = "false";
        }

        return CloudHost.StartAsync(influx.Server, $"calapi_{Guid.NewGuid():N}", settings, inProcess ? [Gateway] : [Gateway, TestBrokerClient.ForIngestion]);
    }

    /// <summary>What a gateway of the park gets when it subscribes to the park's commands now: the retained command.</summary>
    private static async Task<MqttApplicationMessage> RetainedCommandAsync(CloudHost cloud)
    {
        using var gateway = await BrokerClient.ConnectedAsync(cloud.MqttPort, Gateway.ClientId!, Gateway);
        var received = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == Topics.CalibrationCommand(Park, Station))
            {
                received.TrySetResult(e.ApplicationMessage);
            }

            return Task.CompletedTask;
        };
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await BrokerClient.SubscribeAsync(gateway, Topics.ParkCommands(Park)));
        var message = await received.Task.WaitAsync(Wait);
        await gateway.DisconnectAsync();
        return message;
    }
}
