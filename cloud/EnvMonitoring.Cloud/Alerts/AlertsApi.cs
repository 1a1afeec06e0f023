using System.Security.Claims;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// <c>/api/alerts</c>: list (viewer), transitions of one alert (viewer), acknowledge and resolve
/// (operator). An alert id has four segments (<c>{station}/{parameter}/{rule}/{number}</c>) and is
/// used in the path as is.
/// </summary>
internal static class AlertsApi
{
    private const string AlertRoute = "/alerts/{station}/{parameter}/{rule}/{number:long}";

    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", List).RequireAuthorization(Policies.Viewer)
            .WithSummary("Alerts, newest first: state=open (default, not resolved) | active | all; severity = minimum; park, station filters.");
        api.MapGet(AlertRoute + "/events", EventsAsync).RequireAuthorization(Policies.Viewer).WithSummary("The stored transitions of one alert, oldest first.");
        api.MapPost(AlertRoute + "/acknowledge", AcknowledgeAsync).RequireAuthorization(Policies.Operator).WithSummary("Acknowledges an alert as the signed-in user.");
        api.MapPost(AlertRoute + "/resolve", ResolveAsync).RequireAuthorization(Policies.Operator).WithSummary("Resolves an alert as the signed-in user; a note is required.");
        return api;
    }

    private static IResult List(string? park, string? station, string? severity, string? state, AlertService alerts)
    {
        var errors = new Dictionary<string, string[]>();
        Severity minimum = Severity.None;
        if (severity is not null && !AlertView.TryParseSeverity(severity, out minimum))
        {
            errors["severity"] = [$"'{severity}' is not a severity: use one of {string.Join(", ", Enum.GetValues<Severity>().Select(AlertView.SeverityName))}."];
        }

        state ??= "open";
        if (state is not ("open" or "active" or "all"))
        {
            errors["state"] = ["state must be open, active or all."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The alert query is not valid.");
        }

        var selected = alerts.Alerts.Where(a =>
            (park is null || a.Park == park) &&
            (station is null || a.Station == station) &&
            (minimum == Severity.None || AlertView.TryParseSeverity(a.Peak, out var peak) && peak >= minimum) &&
            (state == "all" || state == "open" && a.ResolvedBy is null || state == "active" && a.Active));
        return TypedResults.Ok(selected.ToList());
    }

    private static async Task<IResult> EventsAsync(string station, string parameter, string rule, long number, AlertService alerts, CancellationToken cancellationToken)
    {
        if (!Identifier.IsValid(station))
        {
            return TypedResults.NotFound();
        }

        var events = await alerts.EventsAsync(Id(station, parameter, rule, number), cancellationToken);
        return events.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(events.Select(EventView.Of).ToList());
    }

    private static Task<IResult> AcknowledgeAsync(string station, string parameter, string rule, long number, NoteRequest? request, ClaimsPrincipal user, AlertService alerts) =>
        CommandAsync(() => alerts.AcknowledgeAsync(Id(station, parameter, rule, number), user.Identity!.Name!, Trim(request?.Note)), station, parameter, rule, number, alerts);

    private static Task<IResult> ResolveAsync(string station, string parameter, string rule, long number, NoteRequest? request, ClaimsPrincipal user, AlertService alerts)
    {
        if (string.IsNullOrWhiteSpace(request?.Note))
        {
            return Task.FromResult<IResult>(TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["Resolving an alert needs a note saying what was done."] }));
        }

        return CommandAsync(() => alerts.ResolveAsync(Id(station, parameter, rule, number), user.Identity!.Name!, Trim(request.Note)!), station, parameter, rule, number, alerts);
    }

    private static async Task<IResult> CommandAsync(Func<Task<AlertView>> command, string station, string parameter, string rule, long number, AlertService alerts)
    {
        var id = Id(station, parameter, rule, number);
        if (!alerts.TryGet(id, out var current) || current!.ResolvedBy is not null)
        {
            return TypedResults.Problem($"Alert {id} is unknown or already resolved.", statusCode: StatusCodes.Status404NotFound, title: "No such open alert");
        }

        try
        {
            return TypedResults.Ok(await command());
        }
        catch (AlertCommandException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "The alert cannot take this action");
        }
    }

    private static string Id(string station, string parameter, string rule, long number) => $"{station}/{parameter}/{rule}/{number}";

    private static string? Trim(string? note) => note is null ? null : note.Length > 2000 ? note[..2000].Trim() : note.Trim();
}

/// <summary>The body of acknowledge and resolve.</summary>
internal sealed record NoteRequest(string? Note);

/// <summary>One stored transition as the API shows it.</summary>
internal sealed record EventView(long Sequence, string Kind, string Severity, double? Multiple, double? Value, DateTimeOffset MeasuredAt, DateTimeOffset At, string? User, string? Note, bool Late)
{
    public static EventView Of(AlertEvent e) => new(e.Sequence, AlertView.EventName(e.Kind), AlertView.SeverityName(e.Severity), e.Multiple, e.Value,
        ProvinceTime.ToLocal(e.MeasuredAt), ProvinceTime.ToLocal(e.At), e.User, e.Note, e.Late);
}
