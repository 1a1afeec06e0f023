using EnvMonitoring.Cloud.Admin;
using EnvMonitoring.Cloud.Admin.Api;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Annotations;
using EnvMonitoring.Cloud.ApiContract;
using EnvMonitoring.Cloud.Audit;
using EnvMonitoring.Cloud.Broker;
using EnvMonitoring.Cloud.Calibration;
using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.History;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Cloud.Inspectors;
using EnvMonitoring.Cloud.Live;
using EnvMonitoring.Cloud.Notifications;
using EnvMonitoring.Cloud.Observability;
using EnvMonitoring.Cloud.Quarantine;
using EnvMonitoring.Cloud.Relay;
using EnvMonitoring.Cloud.Seals;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Cloud.Web;
using EnvMonitoring.Protocol.Codec;

namespace EnvMonitoring.Cloud;

/// <summary>The cloud host's composition: one call per component, in the order data flows.</summary>
public static class CloudServices
{
    public static WebApplicationBuilder AddCloudServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(SampleCodec.Default);
        builder.Services.AddProblemDetails();
        builder.AddCloudHttps();
        builder.AddCloudSecurity();
        builder.AddConfigStore();
        builder.AddAdmin();
        builder.AddStationRegistry();
        builder.AddCluster();
        builder.AddBroker();
        builder.AddInfluxStorage();
        builder.AddAudit();
        builder.AddLimitJournal();
        builder.AddAnnotations();
        builder.AddIngestion();
        builder.AddAlerts();
        builder.AddSeals();
        builder.AddParkIntake();
        builder.AddLive();
        builder.AddNotifications();
        builder.AddMetrics();
        builder.AddInspectors();
        builder.AddRelay();
        builder.AddDashboard();
        builder.AddAdminApi();
        builder.AddApiContract();
        builder.AddParkLeases();
        return builder;
    }

    public static WebApplication MapCloudApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSecurityHeaders(imageSources: app.DashboardImageSources());
        app.UseCloudHttps();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDashboard();
        app.UseCloudSecurity();
        var api = app.MapGroup("/api");
        api.MapAuthApi();
        api.MapHealthApi();
        api.MapReadingsApi();
        api.MapAlertsApi();
        api.MapQuarantineApi();
        api.MapAuditApi();
        api.MapSealsApi();
        api.MapAnnotationsApi();
        api.MapCalibrationApi();
        api.MapRelayApi();
        api.MapAdminApi();
        app.MapLive();
        app.MapMetrics();
        app.MapInspectors();
        app.MapApiContract();
        return app;
    }
}
