using System.Globalization;
using EnvMonitoring.Cloud.Audit;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Identifiers;

namespace EnvMonitoring.Cloud.Annotations;

/// <summary>
/// <c>/api/annotations</c> (docs/annotations.md): list and one by id (viewer), propose (operator), approve and
/// reject (inspector, never one's own), withdraw (its author, while pending). Each step is in the
/// audit log. A park-scoped user (<see cref="ParkScope"/>) sees and acts on their parks' stations
/// only: the list leaves the others out, and another park's station or annotation is 403 — before
/// it is looked up, so one that does not exist answers the same.
/// </summary>
internal static class AnnotationsApi
{
    private const string AnnotationRoute = "/annotations/{id}";

    private const string NoSuchAnnotation = "no annotation has this id";

    public static RouteGroupBuilder MapAnnotationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/annotations", ListAsync).RequireAuthorization(Policies.Viewer)
            .WithSummary("Annotations, oldest proposal first: station, parameter, from and to (overlapping that period, RFC 3339), state = pending | approved | rejected | withdrawn.")
            .Produces<List<AnnotationView>>()
            .RefusesInvalid("from, to, state or parameter is not valid")
            .RefusesOutsideParks()
            .RefusesWhenStoreDown();
        api.MapGet(AnnotationRoute, GetAsync).RequireAuthorization(Policies.Viewer).WithName("GetAnnotation").WithSummary("One annotation as it stands.")
            .Produces<AnnotationView>()
            .RefusesOutsideParks()
            .Refuses(StatusCodes.Status404NotFound, NoSuchAnnotation)
            .RefusesWhenStoreDown();
        api.MapPost("/annotations", ProposeAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Proposes an annotation of a station's parameter over [from, to) with a reason, a note and, for laboratoryValue, the value.")
            .Produces<AnnotationView>(StatusCodes.Status201Created)
            .RefusesInvalid("the body is missing, or a field is not valid (unknown station, parameter, period, reason, note, value)")
            .RefusesOutsideParks()
            .RefusesWhenStoreDown();
        api.MapPost(AnnotationRoute + "/approve", (string id, DecisionRequest? request, HttpContext context, AnnotationBook book, StationRegistry registry, AuditLog audit, CancellationToken ct) =>
            StepAsync(id, AnnotationStepKind.Approved, request, context, book, registry, audit, ct)).RequireAuthorization(Policies.Inspector)
            .WithSummary("Approves a pending annotation someone else proposed; its effect shows in annotated figures.")
            .Decision("one's own annotation (reason ownAnnotation)");
        api.MapPost(AnnotationRoute + "/reject", (string id, DecisionRequest? request, HttpContext context, AnnotationBook book, StationRegistry registry, AuditLog audit, CancellationToken ct) =>
            StepAsync(id, AnnotationStepKind.Rejected, request, context, book, registry, audit, ct)).RequireAuthorization(Policies.Inspector)
            .WithSummary("Rejects a pending annotation someone else proposed; a note is required.")
            .Decision("one's own annotation (reason ownAnnotation)");
        api.MapPost(AnnotationRoute + "/withdraw", (string id, DecisionRequest? request, HttpContext context, AnnotationBook book, StationRegistry registry, AuditLog audit, CancellationToken ct) =>
            StepAsync(id, AnnotationStepKind.Withdrawn, request, context, book, registry, audit, ct)).RequireAuthorization(Policies.Operator)
            .WithSummary("Withdraws one's own pending annotation.")
            .Decision("someone else's annotation (reason notAuthor)");
        return api;
    }

    /// <summary>What approve, reject and withdraw answer besides success.</summary>
    private static RouteHandlerBuilder Decision(this RouteHandlerBuilder step, string notYours) => step
        .Produces<AnnotationView>()
        .RefusesInvalid("the note is missing (reject) or too long")
        .RefusesOutsideParks()
        .Refuses(StatusCodes.Status403Forbidden, notYours)
        .Refuses(StatusCodes.Status404NotFound, NoSuchAnnotation)
        .Refuses(StatusCodes.Status409Conflict, "the annotation is no longer pending (reason notPending)")
        .RefusesWhenStoreDown();

    private static async Task<IResult> ListAsync(
        string? station, string? parameter, string? from, string? to, string? state, HttpContext context, AnnotationBook book, StationRegistry registry, CancellationToken cancellationToken)
    {
        var parks = ParkScope.Of(context.User);
        if (station is not null && !parks.Allows(registry.ParkOf(station)))
        {
            return ParkScope.Forbidden();
        }

        var errors = new Dictionary<string, string[]>();
        var start = TimeArgument.Parse(from, "from", errors);
        var end = TimeArgument.Parse(to, "to", errors);
        AnnotationState wanted = default;
        if (state is not null && !WireName.TryParse(state, out wanted))
        {
            errors["state"] = [$"state must be one of {string.Join(", ", WireName.All<AnnotationState>())}."];
        }

        if (parameter is not null && !Identifier.IsValid(parameter))
        {
            errors["parameter"] = ["parameter must be a catalog code, e.g. COD."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The annotation query is not valid.");
        }

        try
        {
            var found = await book.FindAsync(a =>
                parks.Allows(registry.ParkOf(a.Station) ?? a.Park) &&
                (station is null || a.Station == station) &&
                (parameter is null || a.Parameter == parameter) &&
                (state is null || a.State == wanted) &&
                a.Overlaps(start ?? DateTimeOffset.MinValue, end ?? DateTimeOffset.MaxValue), cancellationToken);
            return TypedResults.Ok(found.Select(AnnotationView.Of).ToList());
        }
        catch (InfluxException e)
        {
            return Unavailable(e);
        }
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, AnnotationBook book, StationRegistry registry, CancellationToken cancellationToken)
    {
        try
        {
            var annotation = await book.GetAsync(id, cancellationToken);
            if (!ParkScope.Of(context.User).Allows(annotation is null ? null : registry.ParkOf(annotation.Station) ?? annotation.Park))
            {
                return ParkScope.Forbidden();
            }

            return annotation is null ? NotFound() : TypedResults.Ok(AnnotationView.Of(annotation));
        }
        catch (InfluxException e)
        {
            return Unavailable(e);
        }
    }

    private static async Task<IResult> ProposeAsync(
        AnnotationRequest? request, HttpContext context, AnnotationBook book, StationRegistry registry, ParameterCatalog catalog, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body must be a JSON annotation: station, parameter, from, to, reason, note (value for laboratoryValue)."] });
        }

        if (request.Station is not null && !ParkScope.Of(context.User).Allows(registry.ParkOf(request.Station)))
        {
            return ParkScope.Forbidden();
        }

        var errors = new Dictionary<string, string[]>();
        registry.TryGet(request.Station ?? "", out var station);
        if (request.Validate(station, catalog, time.GetUtcNow(), errors) is not { } proposal)
        {
            return TypedResults.ValidationProblem(errors, title: "The annotation is not valid.");
        }

        try
        {
            var user = context.User.Identity!.Name!;
            var proposed = await book.ProposeAsync(station!.Park, station.Station, proposal, request.Note!.Trim(), user, cancellationToken);
            audit.Record(context, AuditAction.AnnotationPropose, proposed.Park, proposed.Station, proposed.Id, $"{Summary(proposed)}; note: {proposed.Note}");
            var view = AnnotationView.Of(proposed);
            return TypedResults.Created($"/api/annotations/{view.Id}", view);
        }
        catch (InfluxException e)
        {
            return Unavailable(e);
        }
    }

    private static async Task<IResult> StepAsync(
        string id, AnnotationStepKind kind, DecisionRequest? request, HttpContext context, AnnotationBook book, StationRegistry registry, AuditLog audit, CancellationToken cancellationToken)
    {
        var note = request?.Note?.Trim();
        if (kind == AnnotationStepKind.Rejected && string.IsNullOrEmpty(note))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["Rejecting an annotation needs a note saying why."] }, title: "The decision is not valid.");
        }

        if (note is { Length: > AnnotationRequest.MaxNote })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = [$"The note is at most {AnnotationRequest.MaxNote} characters."] }, title: "The decision is not valid.");
        }

        try
        {
            var current = await book.GetAsync(id, cancellationToken);
            if (!ParkScope.Of(context.User).Allows(current is null ? null : registry.ParkOf(current.Station) ?? current.Park))
            {
                return ParkScope.Forbidden();
            }

            if (current is null)
            {
                return NotFound();
            }

            var done = (await book.DecideAsync(id, kind, context.User.Identity!.Name!, string.IsNullOrEmpty(note) ? null : note, cancellationToken))!;
            audit.Record(context, ActionOf(kind), done.Park, done.Station, done.Id, note is { Length: > 0 } ? $"{Summary(done)}; note: {note}" : Summary(done));
            return TypedResults.Ok(AnnotationView.Of(done));
        }
        catch (AnnotationRefusedException e)
        {
            // "reason" lets the dashboard say it in the user's language; the detail says it in English.
            return TypedResults.Problem(e.Message, statusCode: e.Refusal == AnnotationRefusal.NotPending ? StatusCodes.Status409Conflict : StatusCodes.Status403Forbidden,
                title: "The annotation cannot take this step", extensions: new Dictionary<string, object?> { ["reason"] = WireName.Of(e.Refusal) });
        }
        catch (InfluxException e)
        {
            return Unavailable(e);
        }
    }

    private static string ActionOf(AnnotationStepKind kind) => kind switch
    {
        AnnotationStepKind.Approved => AuditAction.AnnotationApprove,
        AnnotationStepKind.Rejected => AuditAction.AnnotationReject,
        _ => AuditAction.AnnotationWithdraw,
    };

    /// <summary>What the audit entry says of an annotation.</summary>
    private static string Summary(Annotation a) => string.Create(CultureInfo.InvariantCulture,
        $"{a.Parameter} {a.From:O}/{a.To:O} {WireName.Of(a.Reason)}{(a.Value is { } v ? $" value {v:R}" : "")}");

    /// <summary>The id is not echoed: it is the caller's text, and may hold anything.</summary>
    private static IResult NotFound() =>
        TypedResults.Problem("There is no annotation with this id.", statusCode: StatusCodes.Status404NotFound, title: "No such annotation");

    private static IResult Unavailable(InfluxException e) =>
        TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The time-series store is not available.");
}

/// <summary>The body of approve, reject and withdraw: the decision's note (required to reject).</summary>
internal sealed record DecisionRequest(string? Note);
