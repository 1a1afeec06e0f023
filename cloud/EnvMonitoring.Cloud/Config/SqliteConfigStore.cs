using System.Globalization;
using Microsoft.Data.Sqlite;

namespace EnvMonitoring.Cloud.Config;

/// <summary>
/// The embedded <see cref="IConfigStore"/>: one SQLite file (WAL, so readers never wait for a writer)
/// with one table of items and a store-wide revision. The schema is migrated forward at
/// first use (or <see cref="InitializeAsync"/>) by <see cref="Migrations"/>, each step once, in a transaction.
/// </summary>
public sealed class SqliteConfigStore : TransactionalConfigStore
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
    private readonly Lazy<Task> _migrated;

    public SqliteConfigStore(string path, TimeProvider time)
        : base(time)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
        _migrated = new Lazy<Task>(MigrateAsync);
    }

    public string Path => _path;

    public override Task InitializeAsync(CancellationToken cancellationToken) => _migrated.Value.WaitAsync(cancellationToken);

    /// <summary>The first use's migration; a store that cannot be opened fails every use with a message naming the file.</summary>
    private async Task MigrateAsync()
    {
        try
        {
            await MigrateOnceAsync();
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw CannotOpen(_path, "Config:Path", e);
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
            throw NewerSchema(_path, ran, Migrations.Count);
        }

        for (var step = ran; step < Migrations.Count; step++)
        {
            await ExecuteAsync(connection, transaction, Migrations[step], cancellationToken);
        }

        // PRAGMA takes no parameters; the value is our own integer.
        await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {Migrations.Count};", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public override async Task<long> RevisionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return Convert.ToInt64(await ScalarAsync(connection, null, "SELECT value FROM revision WHERE id = 1;", cancellationToken), CultureInfo.InvariantCulture);
    }

    public override async Task<ConfigEntry?> GetAsync(ConfigKind kind, string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await GetAsync(connection, null, kind, id, cancellationToken);
    }

    private protected override async Task<List<ConfigEntry>> ReadAllAsync(ConfigKind kind, CancellationToken cancellationToken)
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

        return entries;
    }

    /// <summary>
    /// A write transaction takes SQLite's write lock at once (BEGIN IMMEDIATE), so two writers
    /// serialise at the start instead of one failing at its first write after both read.
    /// </summary>
    private protected override async Task<IConfigTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
            return new Transaction(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
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

    /// <summary>One write transaction on its own connection; disposing it rolls back what was not committed and closes the connection.</summary>
    private sealed class Transaction(SqliteConnection connection, SqliteTransaction transaction) : IConfigTransaction
    {
        public Task<ConfigEntry?> GetAsync(ConfigKind kind, string id, CancellationToken cancellationToken) =>
            SqliteConfigStore.GetAsync(connection, transaction, kind, id, cancellationToken);

        public async Task WriteAsync(ConfigEntry entry, CancellationToken cancellationToken)
        {
            await using var command = Command("""
                INSERT INTO entries (kind, id, version, json, updated_at, updated_by) VALUES ($kind, $id, $version, $json, $at, $by)
                ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, json = excluded.json, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
                """, entry.Kind, entry.Id);
            command.Parameters.AddWithValue("$version", entry.Version);
            command.Parameters.AddWithValue("$json", entry.Json);
            command.Parameters.AddWithValue("$at", entry.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$by", entry.UpdatedBy);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task RemoveAsync(ConfigKind kind, string id, CancellationToken cancellationToken)
        {
            await using var command = Command("DELETE FROM entries WHERE kind = $kind AND id = $id;", kind, id);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task<string?> SeededAsync(ConfigKind kind, string id, CancellationToken cancellationToken)
        {
            await using var command = Command("SELECT fingerprint FROM seeded WHERE kind = $kind AND id = $id;", kind, id);
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }

        public async Task MarkSeededAsync(ConfigKind kind, string id, string fingerprint, CancellationToken cancellationToken)
        {
            await using var command = Command("""
                INSERT INTO seeded (kind, id, fingerprint) VALUES ($kind, $id, $fingerprint)
                ON CONFLICT (kind, id) DO UPDATE SET fingerprint = excluded.fingerprint;
                """, kind, id);
            command.Parameters.AddWithValue("$fingerprint", fingerprint);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public Task BumpRevisionAsync(CancellationToken cancellationToken) =>
            ExecuteAsync(connection, transaction, "UPDATE revision SET value = value + 1 WHERE id = 1;", cancellationToken);

        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }

        private SqliteCommand Command(string sql, ConfigKind kind, string id)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$kind", kind.ToString());
            command.Parameters.AddWithValue("$id", id);
            return command;
        }
    }
}
