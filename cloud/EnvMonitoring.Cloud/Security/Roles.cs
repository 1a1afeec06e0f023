namespace EnvMonitoring.Cloud.Security;

/// <summary>The roles of ARCHITECTURE.md §6. A user holds one or more; admin holds every right.</summary>
public static class Roles
{
    /// <summary>Sees the live dashboard, stations and alerts.</summary>
    public const string Viewer = "viewer";

    /// <summary>A viewer who also acknowledges and resolves alerts.</summary>
    public const string Operator = "operator";

    /// <summary>A viewer who also reads history, compliance reports and exports evidence.</summary>
    public const string Inspector = "inspector";

    /// <summary>Everything, including the station registry and regulation files.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Viewer, Operator, Inspector, Admin];
}
