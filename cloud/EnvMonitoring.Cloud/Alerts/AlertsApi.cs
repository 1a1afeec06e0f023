using System.Security.Claims;
using EnvMonitoring.Cloud.Audit;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// <c>/api/alerts</c>: list (viewer) — from the board, or the shift log of a period from the stored events — transitions of one alert (viewer), acknowledge and resolve
/// (operator). An alert id has four segments (<c>{station}/{parameter}/{rule}/{number}</c>) and is
/// used in the path as is. A park-scoped user (<see cref="ParkScope"/>) sees the alerts of their
/// parks only: the list leaves the others out, and another park's alert (or its park or station as
/// a filter) is 403 — before it is looked up, so an alert that does not exist answers the same.
/// </summary>
internal static class AlertsApi
{
    /// <summary>When several instances share the parks (docs/scale.md): why a command may get a 503.</summary>
    private const string JudgeAway = "several instances: the one that judges the alert's park did not answer within 10 s (the park is changing hands); try again";

    private const string AlertRoute = "/alerts/{station}/{parameter}/{rule}/{number:long}";

    /// <summary>At most this many alerts in a shift log (from, to), the most recently resolved.</summary>
    public const int ShiftLogLimit = 2000;

    /// <summary>The longest period of a shift log.</summary>
    private static readonly TimeSpan LongestShiftLog = TimeSpan.FromDays(31);

    /// <summary>The <c>reason</c> of the 409 for resolving an alert whose cause is still active (docs/live.md).</summary>
    public const string CauseActive = "causeActive";

    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        // Under the per-user limit because of the shift log (from, to), which reads InfluxDB; the in-memory list returns at once.
        api.MapGet("/alerts", ListAsync).RequireAuthorization(Policies.Viewer).RequireUserRateLimit()
            .WithSummary("Alerts, newest first: state=open (default, not resolved) | active | resolved | all; severity = minimum; park, station filters; "
                + "from and to (RFC 3339): the shift log, alerts resolved in that period read from the stored events.")
            .Produces<List<AlertView>>()
            .RefusesInvalid("severity, state, from or to is not valid, or from and to do not go together (at most 31 days)")
            .RefusesOutsideParks()
            .RefusesWhenStoreDown();
        api.MapGet(AlertRoute + "/events", EventsAsync).RequireAuthorization(Policies.Viewer).RequireUserRateLimit().WithSummary("The stored transitions of one alert, oldest first.")
            .Produces<List<AlertEventView>>()
            .RefusesOutsideParks()
            .Refuses(StatusCodes.Status404NotFound, "no alert has this id, or none of its transitions is stored yet");
        api.MapPost(AlertRoute + "/acknowledge", AcknowledgeAsync).RequireAuthorization(Policies.Operator).WithSummary("Acknowledges an alert as the signed-in user.")
            .Produces<AlertView>()
            .RefusesOutsideParks()
            .Refuses(StatusCodes.Status404NotFound, "no open alert has this id (unknown or already resolved)")
            .Refuses(StatusCodes.Status409Conflict, "the alert cannot take this action (e.g. already acknowledged)")
            .Refuses(StatusCodes.Status503ServiceUnavailable, JudgeAway);
        api.MapPost(AlertRoute + "/resolve", ResolveAsync).RequireAuthorization(Policies.Operator).WithSummary("Resolves an alert as the signed-in user; a note is required.")
            .Produces<AlertView>()
            .RefusesInvalid("the note is missing")
            .RefusesOutsideParks()
            .Refuses(StatusCodes.Status404NotFound, "no open alert has this id (unknown or already resolved)")
            .Refuses(StatusCodes.Status409Conflict, $"the alert's cause is still active (reason {CauseActive}), or it cannot take this action")
            .Refuses(StatusCodes.Status503ServiceUnavailable, JudgeAway);
        return api;
    }

    private static async Task<IResult> ListAsync(
        string? park, string? station, string? severity, string? state, string? from, string? to, ClaimsPrincipal user,
        AlertBoard alerts, AlertEventStore store, StationRegistry registry, ParameterCatalog catalog, CancellationToken cancellationToken)
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

        var start = TimeArgument.Parse(from, "from", errors);
        var end = TimeArgument.Parse(to, "to", errors);
        var shiftLog = from is not null || to is not null;
        if (state is not (null or "open" or "active" or "resolved" or "all"))
        {
            errors["state"] = ["state must be open, active, resolved or all."];
        }
        else if (shiftLog && state is not (null or "resolved"))
        {
            errors["state"] = ["from and to list the alerts resolved in that period: leave state out (or give state=resolved)."];
        }

        if (shiftLog && (from is null || to is null))
        {
            errors[from is null ? "from" : "to"] = ["from and to go together: the alerts resolved from `from` (inclusive) to `to` (exclusive)."];
        }
        else if (start is { } first && end is { } last && (last <= first || last - first > LongestShiftLog))
        {
            errors["to"] = [$"to must be after from, and at most {LongestShiftLog.TotalDays:0} days after it."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The alert query is not valid.");
        }

        if (shiftLog)
        {
            try
            {
                // The parks InfluxDB filters on: the one asked for, or the user's; every park for province staff.
                IReadOnlyCollection<string>? inParks = park is not null ? [park] : parks.IsAll ? null : parks.Parks;
                var stored = await store.ReadResolvedAsync(start, end, station, inParks, ShiftLogLimit, cancellationToken);
                return TypedResults.Ok(stored
                    .Select(s => AlertView.Resolved(s.View, s.Event, s.Park, catalog))
                    .Where(a => parks.Allows(a.Park) && AtLeast(a, minimum))
                    .ToList());
            }
            catch (InfluxException e)
            {
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The time-series store is not available.");
            }
        }

        state ??= "open";
        var selected = alerts.Alerts.Where(a =>
            parks.Allows(a.Park) &&
            (park is null || a.Park == park) &&
            (station is null || a.Station == station) &&
            AtLeast(a, minimum) &&
            (state == "all" || state == "open" && a.ResolvedBy is null || state == "active" && a.Active || state == "resolved" && a.ResolvedBy is not null));
        return TypedResults.Ok(selected.ToList());
    }

    /// <summary>Whether the alert's peak reached <paramref name="minimum"/>.</summary>
    private static bool AtLeast(AlertView alert, Severity minimum) =>
        minimum == Severity.None || WireName.TryParse<Severity>(alert.Peak, out var peak) && peak >= minimum;

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
        string station, string parameter, string rule, long number, NoteRequest? request, HttpContext context, AlertCommands alerts, AlertBoard board, StationRegistry registry, AuditLog audit) =>
        CommandAsync(id => alerts.AcknowledgeAsync(id, context.User.Identity!.Name!, Trim(request?.Note), context.RequestAborted), station, parameter, rule, number, context.User, board, registry,
            Audited(context, audit, AuditAction.Acknowledge, request));

    private static Task<IResult> ResolveAsync(
        string station, string parameter, string rule, long number, NoteRequest? request, HttpContext context, AlertCommands alerts, AlertBoard board, StationRegistry registry, AuditLog audit)
    {
        if (string.IsNullOrWhiteSpace(request?.Note))
        {
            return Task.FromResult<IResult>(TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["Resolving an alert needs a note saying what was done."] }));
        }

        return CommandAsync(id => alerts.ResolveAsync(id, context.User.Identity!.Name!, Trim(request.Note)!, context.RequestAborted), station, parameter, rule, number, context.User, board, registry,
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
        catch (RemoteAlertCommandException e) when (e.CauseActive)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "The alert's cause is still active",
                extensions: new Dictionary<string, object?> { ["reason"] = CauseActive });
        }
        catch (Exception e) when (e is AlertCommandException or RemoteAlertCommandException)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "The alert cannot take this action");
        }
        catch (AlertJudgeUnavailableException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The alert's park is changing hands");
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
