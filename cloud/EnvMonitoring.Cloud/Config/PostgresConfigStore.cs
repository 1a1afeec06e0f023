using System.Data;
using Npgsql;

namespace EnvMonitoring.Cloud.Config;

/// <summary>
/// The <see cref="IConfigStore"/> several hosts share: one PostgreSQL database. Every write
/// transaction first locks the one row of <c>revision</c> (<c>SELECT … FOR UPDATE</c>): the writers of
/// every host queue there, so a version read inside the transaction still holds when it commits, and
/// the revision grows by one per change in the order the changes commit. Reads take no lock. The
/// schema is migrated forward at first use (or <see cref="InitializeAsync"/>) by
/// <see cref="Migrations"/>, each step once, under an advisory lock so hosts starting together
/// migrate one after the other; table <c>schema_version</c> counts the steps run.
/// </summary>
public sealed class PostgresConfigStore : TransactionalConfigStore, IAsyncDisposable
{
    /// <summary>Schema steps, oldest first; the store records how many it has run. Append, never edit.</summary>
    internal static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE revision (id integer PRIMARY KEY CHECK (id = 1), value bigint NOT NULL);
        INSERT INTO revision (id, value) VALUES (1, 0);
        CREATE TABLE entries (
            kind text NOT NULL,
            id text NOT NULL,
            version bigint NOT NULL,
            json text NOT NULL,
            updated_at timestamptz NOT NULL,
            updated_by text NOT NULL,
            PRIMARY KEY (kind, id));
        CREATE TABLE seeded (
            kind text NOT NULL,
            id text NOT NULL,
            fingerprint text NOT NULL,
            PRIMARY KEY (kind, id));
        """,
    ];

    /// <summary>The key of the advisory lock a migration holds ("EnvMon" in ASCII): one host migrates at a time.</summary>
    private const long MigrationLock = 0x456E764D6F6E;

    private const string Columns = "kind, id, version, json, updated_at, updated_by";

    private readonly NpgsqlDataSource _dataSource;
    private readonly Lazy<Task> _migrated;

    /// <param name="connectionString">An Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…;SSL Mode=VerifyFull</c>).</param>
    /// <param name="time">The clock of <see cref="ConfigEntry.UpdatedAt"/>.</param>
    /// <exception cref="ArgumentException">The connection string does not parse.</exception>
    public PostgresConfigStore(string connectionString, TimeProvider time)
        : base(time)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Name = Describe(builder);
        _dataSource = NpgsqlDataSource.Create(builder);
        _migrated = new Lazy<Task>(MigrateAsync);
    }

    /// <summary>The store as messages name it: user, host, port and database, never the password.</summary>
    public string Name { get; }

    /// <summary>How a connection string is named in messages: <c>postgresql://user@host:port/database</c>, without its password or other settings.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var user = string.IsNullOrEmpty(builder.Username) ? string.Empty : builder.Username + "@";
        return $"postgresql://{user}{builder.Host}:{builder.Port}/{builder.Database}";
    }

    public override Task InitializeAsync(CancellationToken cancellationToken) => _migrated.Value.WaitAsync(cancellationToken);

    public override async Task<long> RevisionAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("SELECT value FROM revision WHERE id = 1;");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public override async Task<ConfigEntry?> GetAsync(ConfigKind kind, string id, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, kind, id, cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private protected override async Task<List<ConfigEntry>> ReadAllAsync(ConfigKind kind, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand($"SELECT {Columns} FROM entries WHERE kind = @kind;");
        command.Parameters.AddWithValue("kind", kind.ToString());
        var entries = new List<ConfigEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(Entry(reader));
        }

        return entries;
    }

    private protected override async Task<IConfigTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            // Read committed: once the lock is ours, each statement sees every change committed before it, the last writer's included.
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            await ExecuteAsync(connection, transaction, "SELECT value FROM revision WHERE id = 1 FOR UPDATE;", cancellationToken);
            return new Transaction(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The first use's migration; a store that cannot be reached fails every use with a message naming it.</summary>
    private async Task MigrateAsync()
    {
        try
        {
            await MigrateOnceAsync();
        }
        catch (NpgsqlException e)
        {
            throw CannotOpen(Name, "Config:ConnectionString", e);
        }
    }

    private async Task MigrateOnceAsync()
    {
        var cancellationToken = CancellationToken.None;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Held to the end of the transaction: a second host starting now waits, then finds the steps run.
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock});", cancellationToken);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_version (id integer PRIMARY KEY CHECK (id = 1), steps integer NOT NULL);
            INSERT INTO schema_version (id, steps) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
            """, cancellationToken);
        await using (var read = new NpgsqlCommand("SELECT steps FROM schema_version WHERE id = 1;", connection, transaction))
        {
            var ran = (int)(await read.ExecuteScalarAsync(cancellationToken))!;
            if (ran > Migrations.Count)
            {
                throw NewerSchema(Name, ran, Migrations.Count);
            }

            for (var step = ran; step < Migrations.Count; step++)
            {
                await ExecuteAsync(connection, transaction, Migrations[step], cancellationToken);
            }
        }

        await using (var record = new NpgsqlCommand("UPDATE schema_version SET steps = @steps WHERE id = 1;", connection, transaction))
        {
            record.Parameters.AddWithValue("steps", Migrations.Count);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<ConfigEntry?> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, ConfigKind kind, string id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM entries WHERE kind = @kind AND id = @id;", connection, transaction);
        command.Parameters.AddWithValue("kind", kind.ToString());
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Entry(reader) : null;
    }

    private static ConfigEntry Entry(NpgsqlDataReader reader) => new(
        Enum.Parse<ConfigKind>(reader.GetString(0)),
        reader.GetString(1),
        reader.GetInt64(2),
        reader.GetString(3),
        reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetString(5));

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One write transaction on its own pooled connection, holding the revision row's lock; disposing it rolls back what was not committed.</summary>
    private sealed class Transaction(NpgsqlConnection connection, NpgsqlTransaction transaction) : IConfigTransaction
    {
        public Task<ConfigEntry?> GetAsync(ConfigKind kind, string id, CancellationToken cancellationToken) =>
            PostgresConfigStore.GetAsync(connection, transaction, kind, id, cancellationToken);

        public async Task WriteAsync(ConfigEntry entry, CancellationToken cancellationToken)
        {
            await using var command = Command($"""
                INSERT INTO entries ({Columns}) VALUES (@kind, @id, @version, @json, @at, @by)
                ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, json = excluded.json, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
                """, entry.Kind, entry.Id);
            command.Parameters.AddWithValue("version", entry.Version);
            command.Parameters.AddWithValue("json", entry.Json);
            command.Parameters.AddWithValue("at", entry.UpdatedAt);
            command.Parameters.AddWithValue("by", entry.UpdatedBy);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task RemoveAsync(ConfigKind kind, string id, CancellationToken cancellationToken)
        {
            await using var command = Command("DELETE FROM entries WHERE kind = @kind AND id = @id;", kind, id);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task<string?> SeededAsync(ConfigKind kind, string id, CancellationToken cancellationToken)
        {
            await using var command = Command("SELECT fingerprint FROM seeded WHERE kind = @kind AND id = @id;", kind, id);
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }

        public async Task MarkSeededAsync(ConfigKind kind, string id, string fingerprint, CancellationToken cancellationToken)
        {
            await using var command = Command("""
                INSERT INTO seeded (kind, id, fingerprint) VALUES (@kind, @id, @fingerprint)
                ON CONFLICT (kind, id) DO UPDATE SET fingerprint = excluded.fingerprint;
                """, kind, id);
            command.Parameters.AddWithValue("fingerprint", fingerprint);
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

        private NpgsqlCommand Command(string sql, ConfigKind kind, string id)
        {
            var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("kind", kind.ToString());
            command.Parameters.AddWithValue("id", id);
            return command;
        }
    }
}
