using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace EnvMonitoring.Testing;

/// <summary>
/// A private PostgreSQL server (Debian's <c>postgresql</c>, the newest under
/// <c>/usr/lib/postgresql/*/bin</c>) in its own temp directory, set up as a real one should be: it
/// listens on 127.0.0.1 only (and a unix socket in that directory), takes TLS connections only
/// (a certificate of a private CA, <see cref="TestCertificates"/>) and passwords only
/// (scram-sha-256). A role <see cref="Username"/> with a random password owns the database
/// <see cref="Database"/> and every one <see cref="CreateDatabaseAsync"/> makes. Run as root, the
/// server runs as the <c>postgres</c> system user, as PostgreSQL refuses root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string InstallHint = "run `./envmon test` (it installs Debian's postgresql) or `apt-get install -y postgresql`";
    private const string Superuser = "postgres";
    private const string SystemUser = "postgres";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);

    private readonly ServerProcess _process;
    private readonly string _superuserPassword;
    private bool _disposed;

    private PostgresServer(string postgres, string directory, int port, string superuserPassword)
    {
        DataDirectory = directory;
        Port = port;
        _superuserPassword = superuserPassword;
        Password = Secret();
        string[] arguments =
        [
            "-D", ClusterDirectory,
            "-p", port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", $"unix_socket_directories={directory}",
            "-c", "ssl=on",
            "-c", $"ssl_cert_file={Path.Combine(directory, "server.crt")}",
            "-c", $"ssl_key_file={Path.Combine(directory, "server.key")}",
            // A test's data need not survive a power cut: no waiting for the disk.
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
        ];
        var (binary, argumentList) = AsServerUser(postgres, arguments);
        _process = new ServerProcess(
            $"postgres ({ClusterDirectory})",
            binary,
            argumentList,
            directory,
            AcceptsSuperuserAsync,
            $"accept a TLS login on {Host}:{port}",
            ChildProcess.SigInt);
    }

    /// <summary>The address the server listens on: always 127.0.0.1.</summary>
    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The role the tests use: owner of <see cref="Database"/> and of every database <see cref="CreateDatabaseAsync"/> makes; not a superuser.</summary>
    public string Username => "envmon";

    /// <summary><see cref="Username"/>'s password, random per server.</summary>
    public string Password { get; }

    /// <summary>The database made at start.</summary>
    public string Database => "envmon";

    /// <summary>The private CA that signed the server's certificate; connection strings verify the server against it.</summary>
    public string CaPath => Path.Combine(DataDirectory, "ca.crt");

    /// <summary>The temp directory holding the cluster, the socket and the certificates; deleted on dispose.</summary>
    public string DataDirectory { get; }

    /// <summary>A connection string for <see cref="Username"/> on <see cref="Database"/>: TLS, server certificate and name verified.</summary>
    public string ConnectionString => ConnectionStringFor(Database);

    /// <summary>The postmaster's process id while it runs, else null.</summary>
    public int? ProcessId => _process.ProcessId;

    /// <summary>The last lines the server logged.</summary>
    public string OutputTail => _process.OutputTail;

    private string ClusterDirectory => Path.Combine(DataDirectory, "cluster");

    /// <summary>initdb into a fresh temp directory, starts the server and makes <see cref="Username"/> and <see cref="Database"/> (a few seconds).</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed, or initdb or the server failed (with their output).</exception>
    public static async Task<PostgresServer> StartAsync(CancellationToken ct = default)
    {
        var postgres = ServerBinary.Resolve("postgres", NewestDebianBinary(), InstallHint);
        var directory = Directory.CreateTempSubdirectory("envmon-postgres-").FullName;
        var server = new PostgresServer(postgres, directory, FreePort.Next(), Secret());
        try
        {
            await server.InitializeClusterAsync(Path.Combine(Path.GetDirectoryName(postgres)!, "initdb"), ct);
            await server._process.StartAsync(ct);
            // Two commands: CREATE DATABASE runs alone, outside a transaction or a batch. The password is our own hex.
            await server.AsSuperuserAsync($"CREATE ROLE {server.Username} LOGIN PASSWORD '{server.Password}';", "postgres", ct);
            await server.AsSuperuserAsync($"CREATE DATABASE {server.Database} OWNER {server.Username};", "postgres", ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection string for <see cref="Username"/> on <paramref name="database"/>.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Database = database,
        Username = Username,
        Password = Password,
        SslMode = SslMode.VerifyFull,
        RootCertificate = CaPath,
    }.ConnectionString;

    /// <summary>Makes an empty database owned by <see cref="Username"/> (a test's own) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var name = "t_" + Guid.NewGuid().ToString("N");
        await AsSuperuserAsync($"CREATE DATABASE {name} OWNER {Username};", "postgres", ct);
        return ConnectionStringFor(name);
    }

    /// <summary>Stops the server (a fast shutdown: clients are disconnected), waits for it and deletes <see cref="DataDirectory"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            // Not SIGKILL: a killed postmaster leaves its System V shared memory segment behind.
            await _process.StopAsync(CancellationToken.None);
        }
        finally
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"postgres at {Host}:{Port} in {DataDirectory}";

    /// <summary>
    /// <c>/usr/lib/postgresql/&lt;version&gt;/bin/postgres</c> of the newest version installed; a path
    /// that does not exist when none is (then <see cref="ServerBinary"/> looks on PATH).
    /// </summary>
    private static string NewestDebianBinary()
    {
        const string root = "/usr/lib/postgresql";
        var newest = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Version: decimal.TryParse(Path.GetFileName(d), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1, Binary: Path.Combine(d, "bin", "postgres")))
                .Where(c => c.Version >= 0 && File.Exists(c.Binary))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Binary)
                .FirstOrDefault()
            : null;
        return newest ?? Path.Combine(root, "bin", "postgres");
    }

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    /// <summary>Runs a PostgreSQL program as the <c>postgres</c> system user when this process is root (it refuses root), else as it is.</summary>
    private static (string Binary, IReadOnlyList<string> Arguments) AsServerUser(string binary, IReadOnlyList<string> arguments) =>
        Environment.IsPrivilegedProcess
            ? ("setpriv", [$"--reuid={SystemUser}", $"--regid={SystemUser}", "--init-groups", "--", binary, .. arguments])
            : (binary, arguments);

    private static async Task RunAsync(string binary, IReadOnlyList<string> arguments, string directory, CancellationToken ct)
    {
        using var tool = ChildProcess.Start(binary, arguments, directory);
        await tool.WaitForExitAsync(ToolTimeout, ct);
        if (tool.ExitCode != 0)
        {
            throw new InvalidOperationException($"{binary} {string.Join(' ', arguments)} exited with code {tool.ExitCode}. Output tail:\n{tool.OutputTail}");
        }
    }

    /// <summary>The cluster, its certificate and its access rules: TLS and a password for every TCP login, and no other way in but the private socket.</summary>
    private async Task InitializeClusterAsync(string initdb, CancellationToken ct)
    {
        using (var certificates = TestCertificates.Create())
        {
            File.Copy(certificates.CaPath, CaPath);
            File.Copy(certificates.ServerCertificatePath, Path.Combine(DataDirectory, "server.crt"));
            File.Copy(certificates.ServerKeyPath, Path.Combine(DataDirectory, "server.key"));
        }

        // PostgreSQL refuses a key others may read.
        MakePrivate(Path.Combine(DataDirectory, "server.key"));
        var passwordFile = Path.Combine(DataDirectory, "superuser.pw");
        await File.WriteAllTextAsync(passwordFile, _superuserPassword, ct);
        MakePrivate(passwordFile);
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ["-R", $"{SystemUser}:{SystemUser}", DataDirectory], DataDirectory, ct);
        }

        var (binary, arguments) = AsServerUser(initdb,
        [
            "-D", ClusterDirectory, "--username", Superuser, "--pwfile", passwordFile, "--auth", "scram-sha-256",
            "--encoding", "UTF8", "--locale", "C", "--no-sync", "--no-instructions",
        ]);
        await RunAsync(binary, arguments, DataDirectory, ct);
        File.Delete(passwordFile);
        // No "host" line: a TCP login without TLS finds no entry and is refused.
        await File.WriteAllTextAsync(Path.Combine(ClusterDirectory, "pg_hba.conf"), """
            # Generated by EnvMonitoring.Testing.PostgresServer: TLS and a password, on loopback only.
            local   all  all                scram-sha-256
            hostssl all  all  127.0.0.1/32  scram-sha-256

            """, ct);
    }

    private static void MakePrivate(string file)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private NpgsqlConnectionStringBuilder SuperuserConnection(string database) => new()
    {
        Host = Host,
        Port = Port,
        Database = database,
        Username = Superuser,
        Password = _superuserPassword,
        SslMode = SslMode.VerifyFull,
        RootCertificate = CaPath,
        Pooling = false,
        Timeout = 5,
    };

    private async Task AsSuperuserAsync(string sql, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnection(database).ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Readiness: the port answers before the server takes logins ("the database system is starting up"), so probe with one.</summary>
    private async Task<bool> AcceptsSuperuserAsync(CancellationToken ct)
    {
        try
        {
            await AsSuperuserAsync("SELECT 1;", "postgres", ct);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}
