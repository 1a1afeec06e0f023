using EnvMonitoring.Cloud.Admin;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Stations;

namespace EnvMonitoring.Integration.Tests.Launcher;

/// <summary>
/// <c>./envmon config export|import</c> for real: the launcher passes the command to the built cloud
/// host with the store of its data folder (DATA_DIR/cloud/config.db) and a --file relative to the caller.
/// </summary>
public sealed class ConfigLauncherTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("envmon-config-launcher-").FullName;

    [Fact]
    public async Task Export_and_import_go_through_the_data_folders_store()
    {
        var store = new SqliteConfigStore(Path.Combine(_dataDir, "cloud", "config.db"), TimeProvider.System);
        var station = new StationDefinition { Park = "LaunchPark", Station = "LAUNCH-01", Parameters = ["COD"], Permit = [new PermitLimitDefinition { Parameter = "COD", Max = 100 }] };
        var (kind, id, json) = ConfigDocuments.Of(station);
        await store.PutAsync(kind, id, json, 0, "test", None);
        var file = Path.Combine(_dataDir, "stations.json");

        var (exported, exportOutput) = await LauncherProcesses.RunAsync(["config", "export", "--file", file, "--data-dir", _dataDir, "--no-build"], TimeSpan.FromSeconds(60));
        Assert.True(exported == 0, $"exit code {exported}:\n{exportOutput}");
        var read = StationsFile.Read(file);
        Assert.Equal(100, Assert.Single(read.Stations).Permit.Single().Max);

        read.Stations[0].Permit[0].Max = 75;
        await File.WriteAllTextAsync(file, StationsFile.Write(read));
        var (imported, importOutput) = await LauncherProcesses.RunAsync(["config", "import", "--file", file, "--data-dir", _dataDir, "--no-build"], TimeSpan.FromSeconds(60));
        Assert.True(imported == 0, $"exit code {imported}:\n{importOutput}");
        var entry = await store.GetAsync(ConfigKind.Station, "LAUNCH-01", None);
        Assert.Equal((2L, ConfigCommand.ImportedBy, 75.0), (entry!.Version, entry.UpdatedBy, ConfigDocuments.Station(entry).Permit.Single().Max));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }
}
