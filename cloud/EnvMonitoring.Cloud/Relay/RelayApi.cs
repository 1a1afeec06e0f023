using EnvMonitoring.Cloud.Security;

namespace EnvMonitoring.Cloud.Relay;

/// <summary><c>GET /api/relay</c> (admin): each destination's backlog, last file, last error and problem (docs/relay.md).</summary>
internal static class RelayApi
{
    public static RouteGroupBuilder MapRelayApi(this RouteGroupBuilder api)
    {
        api.MapGet("/relay", (RelayService relay) => TypedResults.Ok(new RelayReport(relay.Status())))
            .WithName("GetRelay").RequireAuthorization(Policies.Admin)
            .WithSummary("The upward relay's destinations: files waiting, how far behind, the last file taken, the last error.");
        return api;
    }
}

/// <summary>The body of <c>GET /api/relay</c>.</summary>
public sealed record RelayReport(IReadOnlyList<RelayDestinationStatus> Destinations);
