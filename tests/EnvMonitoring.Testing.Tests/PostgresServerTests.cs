using Npgsql;

namespace EnvMonitoring.Testing.Tests;

/// <summary>The private PostgreSQL server is set up as a real one should be: loopback only, TLS only, passwords only, a role that is no superuser.</summary>
public sealed class PostgresServerTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task The_role_logs_in_over_verified_tls_to_a_database_of_its_own_and_is_no_superuser()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        Assert.Equal(true, await ScalarAsync(connection, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid();"));
        Assert.Equal(false, await ScalarAsync(connection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user;"));
        Assert.Equal(postgres.Server.Username, await ScalarAsync(connection, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database();"));
        Assert.Equal("127.0.0.1", await ScalarAsync(connection, "SHOW listen_addresses;"));
        Assert.Equal("scram-sha-256", await ScalarAsync(connection, "SHOW password_encryption;"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var wrong = new NpgsqlConnectionStringBuilder(postgres.Server.ConnectionString) { Password = "wrong", Pooling = false };
        await using var connection = new NpgsqlConnection(wrong.ConnectionString);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());

        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
    }

    [Fact]
    public async Task Dispose_ends_the_process_and_removes_the_temp_directory()
    {
        await using var server = await PostgresServer.StartAsync();
        var directory = server.DataDirectory;
        var pid = server.ProcessId!.Value;

        await server.DisposeAsync();

        Assert.False(Directory.Exists(directory));
        Assert.False(InfluxServerTests.ProcessIsAlive(pid));
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
