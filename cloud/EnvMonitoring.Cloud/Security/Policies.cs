namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// Authorization policy names for endpoints and the hub: <c>.RequireAuthorization(Policies.Inspector)</c>.
/// Unauthenticated requests get 401, authenticated ones without the role 403 (never a redirect).
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in user (every role can view).</summary>
    public const string Viewer = "viewer";

    /// <summary>Operator or admin: acknowledge and resolve alerts.</summary>
    public const string Operator = "operator";

    /// <summary>Inspector or admin: history, reports, exports.</summary>
    public const string Inspector = "inspector";

    /// <summary>
    /// Admin of every park: what admins do (quarantine, rollups, the registry) spans the province,
    /// so an admin bound to some parks (<see cref="ParkScope"/>) gets 403 here.
    /// </summary>
    public const string Admin = "admin";

    /// <summary>
    /// Every park (<see cref="ParkScope.IsAll"/>), for province-wide figures such as the rollups'
    /// counters; combined with a role policy: <c>.RequireAuthorization(Policies.Inspector, Policies.AllParks)</c>.
    /// </summary>
    public const string AllParks = "allParks";
}
