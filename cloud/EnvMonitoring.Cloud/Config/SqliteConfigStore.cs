using System.Globalization;
using Microsoft.Data.Sqlite;

namespace EnvMonitoring.Cloud.Config;

/// <summary>
/// The embedded <see cref="IConfigStore"/>: one SQLite file (WAL, so readers never wait for a writer)
/// with one table of items and a store-wide revision. The schema is migrated forward at
/// first use (or <see cref="InitializeAsync"/>) by <see cref="Migrations"/>, each step once, in a transaction.
/// </summary>
public sealed class SqliteConfigStore : IConfigStore
{
    /// <summary>Schema steps, oldest first; the store records how many it has run. Append, never edit.</summary>
    internal static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE revision (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
        INSERT INTO revision (id, value) VALUES (1, 0);
        CREATE TABLE entries (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            json TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            PRIMARY KEY (kind, id));
        """,
        // What the settings said of each item when it was last imported from them (ConfigSeed.Fingerprint).
        """
        CREATE TABLE seeded (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (kind, id));
        """,
    ];

    private readonly string _path;
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly Lazy<Task> _migrated;

    public SqliteConfigStore(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(time);
        _path = System.IO.Path.GetFullPath(path);
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
        _migrated = new Lazy<Task>(MigrateAsync);
    }

    public string Path => _path;

    public Task InitializeAsync(CancellationToken cancellationToken) => _migrated.Value.WaitAsync(cancellationToken);

    /// <summary>The first use's migration; a store that cannot be opened fails every use with a message naming the file.</summary>
    private async Task MigrateAsync()
    {
        try
        {
            await MigrateOnceAsync();
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The configuration store {_path} cannot be opened (Config:Path): {e.Message}", e);
        }
    }

    private async Task MigrateOnceAsync()
    {
        var cancellationToken = CancellationToken.None;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_path)!);
        if (!File.Exists(_path))
        {
            // Created private (0600) before SQLite writes a byte of it: it holds password hashes.
            // SQLite gives its -wal and -shm files the database's mode.
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using (new FileStream(_path, create))
                {
                }
            }
            catch (IOException) when (File.Exists(_path))
            {
                // Another process created it first, as private.
            }
        }

        await using var connection = await ConnectAsync(cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var ran = Convert.ToInt32(await ScalarAsync(connection, transaction, "PRAGMA user_version;", cancellationToken), CultureInfo.InvariantCulture);
        if (ran > Migrations.Count)
        {
            throw new InvalidOperationException($"The configuration store {_path} has schema version {ran}, newer than this build knows ({Migrations.Count}): run a newer EnvMonitoring.");
        }

        for (var step = ran; step < Migrations.Count; step++)
        {
            await ExecuteAsync(connection, transaction, Migrations[step], cancellationToken);
        }

        // PRAGMA takes no parameters; the value is our own integer.
        await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {Migrations.Count};", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> RevisionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return Convert.ToInt64(await ScalarAsync(connection, null, "SELECT value FROM revision WHERE id = 1;", cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<ConfigEntry>> ListAsync(ConfigKind kind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, id, version, json, updated_at, updated_by FROM entries WHERE kind = $kind;";
        command.Parameters.AddWithValue("$kind", kind.ToString());
        var entries = new List<ConfigEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(Entry(reader));
        }

        // Ordered here, not by SQLite's collation: ids compare as .NET's ordinal everywhere else.
        entries.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return entries;
    }

    public async Task<ConfigEntry?> GetAsync(ConfigKind kind, string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await GetAsync(connection, null, kind, id, cancellationToken);
    }

    public async Task<ConfigEntry> PutAsync(ConfigKind kind, string id, string json, long expectedVersion, string by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(json);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var current = await GetAsync(connection, transaction, kind, id, cancellationToken);
        if ((current?.Version ?? 0) != expectedVersion)
        {
            throw new ConfigConflictException(kind, id, expectedVersion, current);
        }

        var written = await WriteAsync(connection, transaction, kind, id, json, expectedVersion + 1, by, cancellationToken);
        await BumpRevisionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    public async Task DeleteAsync(ConfigKind kind, string id, long expectedVersion, string by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var current = await GetAsync(connection, transaction, kind, id, cancellationToken);
        if (current is null || current.Version != expectedVersion)
        {
            throw new ConfigConflictException(kind, id, expectedVersion, current);
        }

        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM entries WHERE kind = $kind AND id = $id;";
            command.Parameters.AddWithValue("$kind", kind.ToString());
            command.Parameters.AddWithValue("$id", id);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await BumpRevisionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> ImportAsync(IReadOnlyList<(ConfigKind Kind, string Id, string Json)> items, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var changed = 0;
        foreach (var (kind, id, json) in items)
        {
            ArgumentException.ThrowIfNullOrEmpty(id);
            var current = await GetAsync(connection, transaction, kind, id, cancellationToken);
            if (current?.Json == json)
            {
                continue;
            }

            await WriteAsync(connection, transaction, kind, id, json, (current?.Version ?? 0) + 1, by, cancellationToken);
            changed++;
        }

        if (changed > 0)
        {
            await BumpRevisionAsync(connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public async Task<int> SeedAsync(IReadOnlyList<ConfigSeed> items, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var changed = 0;
        foreach (var item in items)
        {
            ArgumentException.ThrowIfNullOrEmpty(item.Id);
            var seeded = await SeededAsync(connection, transaction, item.Kind, item.Id, cancellationToken);
            if (seeded == item.Fingerprint)
            {
                // The settings say what they said at the last import: the store's version (perhaps an admin's edit, or a deletion) stands.
                continue;
            }

            var current = await GetAsync(connection, transaction, item.Kind, item.Id, cancellationToken);
            if (seeded is null && current is not null)
            {
                // Created at runtime (or imported), never from the settings: seeding does not touch it.
                continue;
            }

            if (current?.Json != item.Json)
            {
                await WriteAsync(connection, transaction, item.Kind, item.Id, item.Json, (current?.Version ?? 0) + 1, by, cancellationToken);
                changed++;
            }

            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO seeded (kind, id, fingerprint) VALUES ($kind, $id, $fingerprint)
                ON CONFLICT (kind, id) DO UPDATE SET fingerprint = excluded.fingerprint;
                """;
            command.Parameters.AddWithValue("$kind", item.Kind.ToString());
            command.Parameters.AddWithValue("$id", item.Id);
            command.Parameters.AddWithValue("$fingerprint", item.Fingerprint);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (changed > 0)
        {
            await BumpRevisionAsync(connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static async Task<string?> SeededAsync(SqliteConnection connection, SqliteTransaction transaction, ConfigKind kind, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT fingerprint FROM seeded WHERE kind = $kind AND id = $id;";
        command.Parameters.AddWithValue("$kind", kind.ToString());
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await ConnectAsync(cancellationToken);
    }

    private async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// A write transaction takes SQLite's write lock at once (BEGIN IMMEDIATE), so two writers
    /// serialise at the start instead of one failing at its first write after both read.
    /// </summary>
    private static async Task<SqliteTransaction> BeginWriteAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);

    private static async Task<ConfigEntry?> GetAsync(SqliteConnection connection, SqliteTransaction? transaction, ConfigKind kind, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT kind, id, version, json, updated_at, updated_by FROM entries WHERE kind = $kind AND id = $id;";
        command.Parameters.AddWithValue("$kind", kind.ToString());
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Entry(reader) : null;
    }

    private async Task<ConfigEntry> WriteAsync(
        SqliteConnection connection, SqliteTransaction transaction, ConfigKind kind, string id, string json, long version, string by, CancellationToken cancellationToken)
    {
        var entry = new ConfigEntry(kind, id, version, json, _time.GetUtcNow(), by);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO entries (kind, id, version, json, updated_at, updated_by) VALUES ($kind, $id, $version, $json, $at, $by)
            ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, json = excluded.json, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
            """;
        command.Parameters.AddWithValue("$kind", kind.ToString());
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$json", json);
        command.Parameters.AddWithValue("$at", entry.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$by", by);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return entry;
    }

    private static Task BumpRevisionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "UPDATE revision SET value = value + 1 WHERE id = 1;", cancellationToken);

    private static ConfigEntry Entry(SqliteDataReader reader) => new(
        Enum.Parse<ConfigKind>(reader.GetString(0)),
        reader.GetString(1),
        reader.GetInt64(2),
        reader.GetString(3),
        DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        reader.GetString(5));

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
