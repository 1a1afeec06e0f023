using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Identifiers;

namespace EnvMonitoring.Cloud.Audit;

/// <summary>
/// <c>GET /api/audit?from=&amp;to=&amp;action=&amp;user=&amp;park=&amp;station=&amp;limit=</c> (admin): the audit
/// log, newest first. Reading it is itself audited.
/// </summary>
internal static class AuditApi
{
    public const int MaxLimit = 5000;

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", GetAsync).WithName("GetAuditLog").RequireAuthorization(Policies.Admin)
            .WithSummary("Audited actions, newest first: sign-ins and failures, alert commands, reports, exports, quarantine views, administrative changes.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .RefusesInvalid("from, to, action, user, park, station or limit is not valid")
            .RefusesWhenStoreDown();
        return api;
    }

    private static async Task<IResult> GetAsync(
        HttpContext context, string? from, string? to, string? action, string? user, string? park, string? station, int? limit, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var start = TimeArgument.Parse(from, "from", errors);
        var end = TimeArgument.Parse(to, "to", errors);
        if (action is not null && !AuditAction.All.Contains(action))
        {
            errors["action"] = [$"action must be one of {string.Join(", ", AuditAction.All)}."];
        }

        foreach (var (name, value) in new[] { ("user", user), ("park", park), ("station", station) })
        {
            if (value is not null && !Identifier.IsValid(value))
            {
                errors[name] = [$"{name} must be an identifier (letters, digits, _ . -; up to 64)."];
            }
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be from 1 to {MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The audit query is not valid.");
        }

        try
        {
            var entries = await audit.QueryAsync(new AuditFilter(start, end, action, user, park, station, limit ?? 200), cancellationToken);
            audit.Record(context, AuditAction.AuditView, park, station, detail: context.Request.QueryString.Value);
            return TypedResults.Ok(entries);
        }
        catch (InfluxException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The time-series store is not available.");
        }
    }
}
