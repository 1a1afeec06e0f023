using EnvMonitoring.Cloud.Audit;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Security;

namespace EnvMonitoring.Cloud.Quarantine;

/// <summary><c>GET /api/quarantine?limit=…</c>: the latest refused items (newest first) and counts per reason since start.</summary>
internal static class QuarantineApi
{
    public static RouteGroupBuilder MapQuarantineApi(this RouteGroupBuilder api)
    {
        api.MapGet("/quarantine", (HttpContext context, QuarantineStore quarantine, AuditLog audit, int? limit) =>
        {
            if (limit is < 1 or > QuarantineStore.RecentCapacity)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be from 1 to {QuarantineStore.RecentCapacity}."] });
            }

            audit.Record(context, AuditAction.QuarantineView, detail: $"latest {limit ?? 100}");
            return Results.Ok(new { counts = quarantine.CountsByReason, entries = quarantine.Latest(limit ?? 100) });
        }).WithName("GetQuarantine").RequireAuthorization(Policies.Admin)
            .WithSummary("The latest refused items, newest first (limit: 1 to the kept number, default 100), and the counts per reason since start.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .RefusesInvalid("limit is out of range");
        return api;
    }
}
