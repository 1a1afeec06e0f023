using System.Security.Claims;
using EnvMonitoring.Cloud.Audit;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// <c>/api/alerts</c>: list (viewer), transitions of one alert (viewer), acknowledge and resolve
/// (operator). An alert id has four segments (<c>{station}/{parameter}/{rule}/{number}</c>) and is
/// used in the path as is. A park-scoped user (<see cref="ParkScope"/>) sees the alerts of their
/// parks only: the list leaves the others out, and another park's alert (or its park or station as
/// a filter) is 403 — before it is looked up, so an alert that does not exist answers the same.
/// </summary>
internal static class AlertsApi
{
    private const string AlertRoute = "/alerts/{station}/{parameter}/{rule}/{number:long}";

    /// <summary>The <c>reason</c> of the 409 for resolving an alert whose cause is still active (docs/live.md).</summary>
    public const string CauseActive = "causeActive";

    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", List).RequireAuthorization(Policies.Viewer)
            .WithSummary("Alerts, newest first: state=open (default, not resolved) | active | all; severity = minimum; park, station filters.");
        api.MapGet(AlertRoute + "/events", EventsAsync).RequireAuthorization(Policies.Viewer).RequireUserRateLimit().WithSummary("The stored transitions of one alert, oldest first.");
        api.MapPost(AlertRoute + "/acknowledge", AcknowledgeAsync).RequireAuthorization(Policies.Operator).WithSummary("Acknowledges an alert as the signed-in user.");
        api.MapPost(AlertRoute + "/resolve", ResolveAsync).RequireAuthorization(Policies.Operator).WithSummary("Resolves an alert as the signed-in user; a note is required.");
        return api;
    }

    private static IResult List(string? park, string? station, string? severity, string? state, ClaimsPrincipal user, AlertBoard alerts, StationRegistry registry)
    {
        var parks = ParkScope.Of(user);
        if (park is not null && !parks.Allows(park) || station is not null && !parks.Allows(registry.ParkOf(station)))
        {
            return ParkScope.Forbidden();
        }

        var errors = new Dictionary<string, string[]>();
        Severity minimum = Severity.None;
        if (severity is not null && !WireName.TryParse(severity, out minimum))
        {
            errors["severity"] = [$"'{severity}' is not a severity: use one of {string.Join(", ", WireName.All<Severity>())}."];
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
            parks.Allows(a.Park) &&
            (park is null || a.Park == park) &&
            (station is null || a.Station == station) &&
            (minimum == Severity.None || WireName.TryParse<Severity>(a.Peak, out var peak) && peak >= minimum) &&
            (state == "all" || state == "open" && a.ResolvedBy is null || state == "active" && a.Active));
        return TypedResults.Ok(selected.ToList());
    }

    private static async Task<IResult> EventsAsync(
        string station, string parameter, string rule, long number, ClaimsPrincipal user, AlertEventStore store, AlertBoard board, StationRegistry registry, CancellationToken cancellationToken)
    {
        if (Id(station, parameter, rule, number) is not { } id)
        {
            return TypedResults.NotFound();
        }

        if (!ParkScope.Of(user).Allows(ParkOf(station, id, board, registry)))
        {
            return ParkScope.Forbidden();
        }

        var stored = await store.ReadAllAsync(station, cancellationToken, alert: id);
        var events = stored.Where(s => s.Event.AlertId.Value == id).Select(s => AlertEventView.Of(s.Event)).ToList();
        return events.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(events);
    }

    private static Task<IResult> AcknowledgeAsync(
        string station, string parameter, string rule, long number, NoteRequest? request, HttpContext context, AlertService alerts, AlertBoard board, StationRegistry registry, AuditLog audit) =>
        CommandAsync(id => alerts.AcknowledgeAsync(id, context.User.Identity!.Name!, Trim(request?.Note)), station, parameter, rule, number, context.User, board, registry,
            Audited(context, audit, AuditAction.Acknowledge, request));

    private static Task<IResult> ResolveAsync(
        string station, string parameter, string rule, long number, NoteRequest? request, HttpContext context, AlertService alerts, AlertBoard board, StationRegistry registry, AuditLog audit)
    {
        if (string.IsNullOrWhiteSpace(request?.Note))
        {
            return Task.FromResult<IResult>(TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["Resolving an alert needs a note saying what was done."] }));
        }

        return CommandAsync(id => alerts.ResolveAsync(id, context.User.Identity!.Name!, Trim(request.Note)!), station, parameter, rule, number, context.User, board, registry,
            Audited(context, audit, AuditAction.Resolve, request));
    }

    /// <summary>Records a command that took effect in the audit log, with its note.</summary>
    private static Action<AlertView> Audited(HttpContext context, AuditLog audit, string action, NoteRequest? request) =>
        done => audit.Record(context, action, done.Park, done.Station, done.Id, Trim(request?.Note));

    private static async Task<IResult> CommandAsync(
        Func<string, Task<AlertView>> command, string station, string parameter, string rule, long number, ClaimsPrincipal user, AlertBoard board, StationRegistry registry,
        Action<AlertView> audited)
    {
        var id = Id(station, parameter, rule, number);
        if (id is not null && !ParkScope.Of(user).Allows(ParkOf(station, id, board, registry)))
        {
            return ParkScope.Forbidden();
        }

        if (id is null || !board.TryGet(id, out var current) || current.ResolvedBy is not null)
        {
            // The id is not echoed: it is the caller's text, and may hold anything.
            return TypedResults.Problem("The alert is unknown or already resolved.", statusCode: StatusCodes.Status404NotFound, title: "No such open alert");
        }

        try
        {
            var done = await command(id);
            audited(done);
            return TypedResults.Ok(done);
        }
        catch (AlertCauseActiveException e)
        {
            // "reason" lets the dashboard say it in the user's language; the detail says it in English.
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "The alert's cause is still active",
                extensions: new Dictionary<string, object?> { ["reason"] = CauseActive });
        }
        catch (AlertCommandException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "The alert cannot take this action");
        }
    }

    /// <summary>The alert id the path names, or null when no alert can have it (a segment that is not an identifier, an unknown rule).</summary>
    private static string? Id(string station, string parameter, string rule, long number) =>
        Identifier.IsValid(station) && (parameter == "-" || Identifier.IsValid(parameter)) && Enum.TryParse<RuleKind>(rule, ignoreCase: false, out var kind)
            && kind.ToString() == rule && number > 0
            ? $"{station}/{parameter}/{rule}/{number}"
            : null;

    /// <summary>
    /// The park an alert belongs to: its station's in the registry, else the park the board shows it
    /// under (a station since removed from the registry); null when neither knows it.
    /// </summary>
    private static string? ParkOf(string station, string id, AlertBoard board, StationRegistry registry) =>
        registry.ParkOf(station) ?? (board.TryGet(id, out var view) && view.Park.Length > 0 ? view.Park : null);

    private static string? Trim(string? note) => note is null ? null : note.Length > 2000 ? note[..2000].Trim() : note.Trim();
}

/// <summary>The body of acknowledge and resolve.</summary>
internal sealed record NoteRequest(string? Note);
