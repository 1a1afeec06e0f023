using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace EnvMonitoring.Cloud.Web;

/// <summary>
/// Serves the web dashboard: its own files at <c>/</c> (index.html, <c>/app/…</c>) and the npm
/// packages it imports at <c>/vendor/signalr/…</c>, <c>/vendor/uplot/…</c> and <c>/vendor/leaflet/…</c>.
/// Static files are open without sign-in (docs/live.md); the app asks for it through the API, where
/// <c>GET /api/map</c> tells it the map's tiles.
/// </summary>
internal static class DashboardRegistration
{
    /// <summary>URL prefix → folder inside <c>node_modules</c>; only these files are served.</summary>
    private static readonly (string Path, string Folder)[] Vendor =
    [
        ("/vendor/signalr", Path.Combine("@microsoft", "signalr", "dist", "browser")),
        ("/vendor/uplot", Path.Combine("uplot", "dist")),
        ("/vendor/leaflet", Path.Combine("leaflet", "dist")),
    ];

    /// <summary>The dashboard's settings and the map's tiles they name (<see cref="MapTiles.Of"/>).</summary>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);
        builder.Services.AddSingleton(services => MapTiles.Of(services.GetRequiredService<IOptions<DashboardOptions>>().Value));
        return builder;
    }

    /// <summary>
    /// Where the dashboard's pages may load images from besides the host: the map's tile server, if the
    /// dashboard and its tiles are on. Asked while the host is built, so a tile template the browser
    /// cannot use stops the host at start with the reason.
    /// </summary>
    public static IReadOnlyList<string> DashboardImageSources(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        return options.Enabled && app.Services.GetRequiredService<MapTiles>().Origin is { } origin ? [origin] : [];
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        app.MapGroup("/api").MapTilesApi();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardRegistration).FullName!);
        var contentRoot = app.Environment.ContentRootPath;
        string? root;
        if (string.IsNullOrWhiteSpace(options.Root))
        {
            root = DashboardFolder.Find(contentRoot, AppContext.BaseDirectory);
            if (root is null)
            {
                DashboardLog.NotFound(logger, contentRoot);
                return app;
            }
        }
        else
        {
            root = DashboardFolder.Configured(options.Root, contentRoot);
            if (!File.Exists(Path.Combine(root, DashboardFolder.IndexFile)))
            {
                DashboardLog.ConfiguredRootMissing(logger, root);
                return app;
            }
        }

        DashboardLog.Serving(logger, root);
        var appFiles = new DashboardFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = appFiles });
        app.UseStaticFiles(Revalidated(new StaticFileOptions { FileProvider = appFiles }));

        var packages = Path.Combine(root, "node_modules");
        if (!Directory.Exists(packages))
        {
            DashboardLog.PackagesMissing(logger, packages, root);
            return app;
        }

        foreach (var (path, folder) in Vendor)
        {
            var files = Path.Combine(packages, folder);
            if (!Directory.Exists(files))
            {
                DashboardLog.PackagesMissing(logger, files, root);
                continue;
            }

            app.UseStaticFiles(Revalidated(new StaticFileOptions { FileProvider = new PhysicalFileProvider(files), RequestPath = path }));
        }

        return app;
    }

    // No build step means no content hashes in file names: browsers must revalidate (ETag) so an
    // updated module is never mixed with stale ones.
    private static StaticFileOptions Revalidated(StaticFileOptions options)
    {
        options.OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        return options;
    }
}
