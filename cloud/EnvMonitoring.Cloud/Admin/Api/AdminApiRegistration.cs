using EnvMonitoring.Cloud.Security;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>The admin API (docs/admin.md): parks, stations, gateways and users changed while the host runs.</summary>
internal static class AdminApiRegistration
{
    public static WebApplicationBuilder AddAdminApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ConfigEditor>();
        return builder;
    }

    /// <summary><c>/api/admin/…</c> for province-wide admins; <c>/api/me/password</c> for every signed-in user.</summary>
    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var admin = api.MapGroup("/admin").RequireAuthorization(Policies.Admin);
        admin.MapParksApi();
        admin.MapStationsAdminApi();
        admin.MapStationChoicesApi();
        admin.MapGatewaysApi();
        admin.MapUsersApi();
        admin.MapConfigTransferApi();
        api.MapMePasswordApi();
        return api;
    }
}
