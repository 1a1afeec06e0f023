using EnvMonitoring.Cloud.Config;
using Microsoft.Data.Sqlite;

namespace EnvMonitoring.Cloud.Tests.Config;

/// <summary>The embedded configuration store on a real SQLite file: the contract, and what is the file's own: migrations, refusals naming it, its mode.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SqliteConfigStoreTests : ConfigStoreContractTests
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("envmon-config-");

    private string File => Path.Combine(_directory.FullName, "data", "config.db");

    [Fact]
    public async Task An_empty_file_is_migrated_to_the_newest_schema()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        await System.IO.File.WriteAllBytesAsync(File, []);

        var store = Store();
        await store.InitializeAsync(None);

        Assert.Equal(SqliteConfigStore.Migrations.Count, await UserVersionAsync());
        Assert.Equal(0, await store.RevisionAsync(None));
        await store.PutAsync(ConfigKind.Park, "P", """{"Id":"P"}""", 0, "admin", None);
        // Migrating again (another start) runs no step twice and keeps the data.
        await Store().InitializeAsync(None);
        Assert.Equal(1, await Store().RevisionAsync(None));
    }

    [Fact]
    public async Task A_file_of_a_newer_schema_is_refused_naming_the_file()
    {
        await Store().InitializeAsync(None);
        await using (var connection = new SqliteConnection($"Data Source={File};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {SqliteConfigStore.Migrations.Count + 1};";
            await command.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Store().RevisionAsync(None));
        Assert.Contains(File, refused.Message, StringComparison.Ordinal);
        Assert.Contains("newer", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_store_is_refused_naming_the_file()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        await System.IO.File.WriteAllTextAsync(File, new string('x', 4096));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Store().InitializeAsync(None));

        Assert.Contains(File, refused.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be opened", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_file_is_readable_by_this_account_only()
    {
        await Store().PutAsync(ConfigKind.User, "alice", """{"Name":"alice","PasswordHash":"pbkdf2..."}""", 0, "admin", None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(File));
        foreach (var companion in new[] { File + "-wal", File + "-shm" }.Where(System.IO.File.Exists))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(companion));
        }
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    protected override IConfigStore Store() => new SqliteConfigStore(File, Time);

    private async Task<long> UserVersionAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
