using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>
/// Export ZIPs are evidence of one user's request: those an earlier run left in <c>Export:Directory</c>
/// (a crash, a power cut) are deleted when the host starts, before anyone asks for an export, and the
/// folder is made private again.
/// </summary>
public sealed class ExportLeftoverTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>, IDisposable
{
    private readonly string _exports = Directory.CreateTempSubdirectory("envmon-exports-").FullName;

    [Fact]
    public async Task Zips_an_earlier_run_left_are_deleted_at_start_and_the_folder_is_made_private()
    {
        var leftovers = new[] { "0f1e2d3c4b5a69788796a5b4.zip", "c3d2e1f0a9b8c7d6e5f4a3b2.zip" }.Select(name => Path.Combine(_exports, name)).ToList();
        foreach (var file in leftovers)
        {
            await File.WriteAllTextAsync(file, "an export of the run before the crash");
        }

        var notExport = Path.Combine(_exports, "README.txt");
        await File.WriteAllTextAsync(notExport, "not an export: left alone");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_exports, (UnixFileMode)0b111_101_101); // 0755, as a careless copy leaves it
        }

        await using var cloud = await CloudHost.StartAsync(influx.Server, $"leftovers_{Guid.NewGuid():N}", new Dictionary<string, string> { ["Export:Directory"] = _exports });

        // Healthy and no export asked for: the start itself cleaned up.
        Assert.All(leftovers, file => Assert.False(File.Exists(file), $"{Path.GetFileName(file)} of the earlier run is still there"));
        Assert.True(File.Exists(notExport));
        Assert.Contains(cloud.Log.Entries, e => e.Is("LeftoversDeleted") && e.Message.Contains("Deleted 2 export file(s)", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_exports));
        }
    }

    public void Dispose() => Directory.Delete(_exports, recursive: true);
}
