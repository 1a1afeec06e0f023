using System.Text;
using EnvMonitoring.Cloud.Audit;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Protocol.Topics;
using MQTTnet;
using MQTTnet.Protocol;

namespace EnvMonitoring.Cloud.Calibration;

/// <summary>
/// <c>POST /api/stations/{station}/calibration</c> (operator; docs/contract.md, docs/edge.md): starts or
/// ends a station's calibration window by publishing the <c>CalibrationCommand</c> on the station's
/// command topic as the cloud — QoS 1 and retained, so a gateway or node that reconnects later gets
/// the last command, and an end replaces a start. The gateway relays it to the node, whose samples
/// then carry status 1 (calibrating): that, not this call, is what the dashboard shows. A
/// park-scoped operator gets 403 for another park's station, before it is looked up.
/// </summary>
internal static class CalibrationApi
{
    /// <summary>How long the broker may take to accept the command before the call answers 503.</summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    public static RouteGroupBuilder MapCalibrationApi(this RouteGroupBuilder api)
    {
        api.MapPost("/stations/{station}/calibration", SendAsync).RequireAuthorization(Policies.Operator)
            .WithSummary($"Starts ({{\"active\":true,\"parameters\":[\"pH\"],\"minutes\":30}}, minutes 1 to {Protocol.Commands.CalibrationCommand.MaxMinutes}) or ends ({{\"active\":false}}) the station's calibration window; no parameters means every channel. Published retained to the station's command topic; answers what was sent.")
            .Produces<CalibrationSent>(StatusCodes.Status202Accepted)
            .RefusesInvalid("the body is missing, or a field is not valid (unknown station, parameter not measured there, minutes out of range)")
            .RefusesOutsideParks()
            .Refuses(StatusCodes.Status503ServiceUnavailable, "the cloud broker did not take the command (ingestion's broker connection is down)");
        return api;
    }

    private static async Task<IResult> SendAsync(
        string station, CalibrationRequest? request, HttpContext context, StationRegistry registry, ParameterCatalog catalog, ICloudPublisher publisher,
        AuditLog audit, TimeProvider time, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (!ParkScope.Of(context.User).Allows(registry.ParkOf(station)))
        {
            return ParkScope.Forbidden();
        }

        if (request is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body must be a JSON command: active, parameters, minutes."] });
        }

        var errors = new Dictionary<string, string[]>();
        registry.TryGet(station, out var registered);
        if (request.Validate(registered, catalog, time.GetUtcNow(), errors) is not { } command)
        {
            return TypedResults.ValidationProblem(errors, title: "The calibration command is not valid.");
        }

        var topic = Topics.CalibrationCommand(registered!.Park, registered.Station);
        var payload = command.ToUtf8();
        var logger = logs.CreateLogger("EnvMonitoring.Cloud.Calibration");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PublishTimeout);
            await publisher.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag()
                .Build(), timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is InvalidOperationException or OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            CalibrationLog.NotSent(logger, station, e);
            return TypedResults.Problem("The cloud broker did not take the command; try again.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Broker not available");
        }

        var text = Encoding.UTF8.GetString(payload);
        var parameters = command.Parameters.Count == 0 ? "all" : string.Join(",", command.Parameters);
        var user = context.User.Identity!.Name!;
        CalibrationLog.Sent(logger, station, parameters, user, text);
        audit.Record(context, AuditAction.Calibration, registered.Park, registered.Station, parameters, text);
        var until = command.Until is { } end ? ProvinceTime.ToLocal(end) : (DateTimeOffset?)null;
        return TypedResults.Accepted((string?)null, new CalibrationSent(registered.Park, registered.Station, topic, command.Active, command.Parameters, until, text));
    }
}
