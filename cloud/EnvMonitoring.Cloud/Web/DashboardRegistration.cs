using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace EnvMonitoring.Cloud.Web;

/// <summary>
/// Serves the web dashboard: its own files at <c>/</c> (index.html, <c>/app/…</c>) and the two npm
/// packages it imports at <c>/vendor/signalr/…</c> and <c>/vendor/uplot/…</c>. Static files are
/// open without sign-in (docs/live.md); the app asks for it through the API.
/// </summary>
internal static class DashboardRegistration
{
    /// <summary>URL prefix → folder inside <c>node_modules</c>; only these files are served.</summary>
    private static readonly (string Path, string Folder)[] Vendor =
    [
        ("/vendor/signalr", Path.Combine("@microsoft", "signalr", "dist", "browser")),
        ("/vendor/uplot", Path.Combine("uplot", "dist")),
    ];

    public static WebApplication UseDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();
        if (!options.Enabled)
        {
            return app;
        }

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
