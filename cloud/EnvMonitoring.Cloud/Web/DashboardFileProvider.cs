using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace EnvMonitoring.Cloud.Web;

/// <summary>
/// The dashboard folder as the web sees it: <c>index.html</c> and everything under <c>app/</c>,
/// nothing else (not <c>node_modules</c>, not the npm manifests).
/// </summary>
internal sealed class DashboardFileProvider(string root) : IFileProvider, IDisposable
{
    private readonly PhysicalFileProvider _files = new(root);

    public IFileInfo GetFileInfo(string subpath) =>
        IsPublished(subpath) ? _files.GetFileInfo(subpath) : new NotFoundFileInfo(subpath);

    // Only the root is listed, so that the default-files middleware finds index.html at "/".
    public IDirectoryContents GetDirectoryContents(string subpath) =>
        subpath is "" or "/" ? _files.GetDirectoryContents(subpath) : NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    public void Dispose() => _files.Dispose();

    private static bool IsPublished(string subpath)
    {
        var path = subpath.TrimStart('/');
        return path == DashboardFolder.IndexFile || path.StartsWith("app/", StringComparison.Ordinal);
    }
}
