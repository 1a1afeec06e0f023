using EnvMonitoring.Cloud.Export;
using EnvMonitoring.Cloud.History;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.OpenData;
using EnvMonitoring.Cloud.Reports;
using EnvMonitoring.Cloud.Rollups;
using EnvMonitoring.Cloud.Series;

namespace EnvMonitoring.Cloud.Inspectors;

/// <summary>
/// What inspectors use (docs/inspectors.md): history, rollups, compliance reports, evidence export
/// and the open-data endpoint for the public.
/// </summary>
internal static class InspectorsRegistration
{
    public static WebApplicationBuilder AddInspectors(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RollupOptions>().BindConfiguration(RollupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RawSampleReader>();
        services.AddSingleton<StoredStations>();
        services.AddSingleton<RollupStore>();
        services.AddSingleton<RollupStatus>();
        services.AddSingleton<RetentionSetup>();
        services.AddSingleton<RollupService>();
        services.AddSingleton<HistorySeries>();
        services.AddSingleton<HistoryWriter>();
        services.AddSingleton<DayInputsReader>();
        services.AddSingleton<AnnotatedFigures>();
        services.AddSingleton<ComplianceReportBuilder>();
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SealedDays>();
        services.AddSingleton<EvidenceExporter>();
        services.AddSingleton<ExportJobs>();
        services.AddHostedService(s => s.GetRequiredService<ExportJobs>());
        services.AddOptions<OpenDataOptions>().BindConfiguration(OpenDataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOpenDataRateLimit();
        services.AddUserRateLimit();
        if (builder.Configuration.GetValue(RollupOptions.Section + ":" + nameof(RollupOptions.Enabled), true))
        {
            services.AddHostedService(s => s.GetRequiredService<RollupService>());
        }

        return builder;
    }

    public static WebApplication MapInspectors(this WebApplication app)
    {
        app.UseRateLimiter();
        var api = app.MapGroup("/api");
        api.MapHistoryApi();
        api.MapReportsApi();
        api.MapExportApi();
        api.MapOpenDataApi();
        api.MapRollupsApi();
        return app;
    }
}
