using System.Net;
using System.Text;

namespace EnvMonitoring.Testing.Tests;

public sealed class InfluxServerTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Started_server_answers_ping_with_204_on_loopback()
    {
        using var http = new HttpClient { BaseAddress = influx.Server.BaseUri, Timeout = Timeout };

        using var response = await http.GetAsync(new Uri("ping", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("127.0.0.1", influx.Server.BaseUri.Host);
        Assert.Equal(influx.Server.Port, influx.Server.BaseUri.Port);
        Assert.True(influx.Server.IsRunning);
    }

    [Fact]
    public async Task Points_written_over_http_are_counted_back()
    {
        const string Db = "written_over_http";
        await influx.Server.CreateDatabaseAsync(Db);
        using var http = new HttpClient { BaseAddress = influx.Server.BaseUri, Timeout = Timeout };
        http.DefaultRequestHeaders.Authorization = influx.Server.Admin.BasicHeader;
        using var body = new StringContent(
            "reading,station=st-1 pm25=12.5 1700000000000\nreading,station=st-1 pm25=13.5 1700000060000\n",
            Encoding.UTF8,
            "text/plain");

        using var response = await http.PostAsync(
            new Uri($"write?db={Db}&precision=ms", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(2, await influx.Server.CountAsync(Db, "SELECT count(pm25) FROM reading"));
        using var rows = await influx.Server.QueryAsync(Db, "SELECT pm25 FROM reading ORDER BY time DESC LIMIT 1");
        var row = rows.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")[0];
        Assert.Equal(1700000060000, row[0].GetInt64());
        Assert.Equal(13.5, row[1].GetDouble());
    }

    [Fact]
    public async Task Server_refuses_anonymous_requests_and_lets_its_cloud_user_in_only_where_granted()
    {
        const string Db = "granted_to_cloud";
        await influx.Server.CreateDatabaseAsync(Db);
        await influx.Server.GrantCloudAsync(Db);
        await influx.Server.CreateDatabaseAsync("not_granted_to_cloud");
        using var http = new HttpClient { BaseAddress = influx.Server.BaseUri, Timeout = Timeout };
        using var line = new StringContent("reading pm25=1 1700000000000\n", Encoding.UTF8, "text/plain");

        using var anonymous = await http.PostAsync(new Uri($"write?db={Db}&precision=ms", UriKind.Relative), line);
        http.DefaultRequestHeaders.Authorization = influx.Server.Cloud.BasicHeader;
        using var cloud = await http.PostAsync(new Uri($"write?db={Db}&precision=ms", UriKind.Relative), line);
        using var elsewhere = await http.PostAsync(new Uri("write?db=not_granted_to_cloud&precision=ms", UriKind.Relative), line);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cloud.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Count_over_a_measurement_without_points_is_zero()
    {
        const string Db = "empty_count";
        await influx.Server.CreateDatabaseAsync(Db);

        Assert.Equal(0, await influx.Server.CountAsync(Db, "SELECT count(pm25) FROM nothing_here"));
    }

    [Fact]
    public async Task Query_with_a_statement_error_throws_with_the_server_message()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => influx.Server.QueryAsync("no_such_database", "SELECT count(v) FROM m"));

        Assert.Contains("database not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_write_throws_with_the_server_message()
    {
        const string Db = "rejected_write";
        await influx.Server.CreateDatabaseAsync(Db);

        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => influx.Server.WriteAsync(Db, "reading pm25=\"unterminated 1700000000000"));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task Restart_keeps_the_data_ports_and_directory()
    {
        await using var server = await InfluxServer.StartAsync();
        await server.CreateDatabaseAsync("kept");
        await server.WriteAsync("kept", "reading pm25=1 1700000000000\nreading pm25=2 1700000001000");
        var (port, directory, pid) = (server.Port, server.DataDirectory, server.ProcessId);

        await server.RestartAsync();

        Assert.Equal(port, server.Port);
        Assert.Equal(directory, server.DataDirectory);
        Assert.NotEqual(pid, server.ProcessId);
        Assert.Equal(2, await server.CountAsync("kept", "SELECT count(pm25) FROM reading"));
    }

    [Fact]
    public async Task Killed_server_recovers_acknowledged_writes_from_its_wal_on_restart()
    {
        await using var server = await InfluxServer.StartAsync();
        await server.CreateDatabaseAsync("crash");
        await server.WriteAsync("crash", "reading pm25=1 1700000000000");

        await server.KillAsync();
        Assert.False(server.IsRunning);
        await server.RestartAsync();

        Assert.Equal(1, await server.CountAsync("crash", "SELECT count(pm25) FROM reading"));
    }

    [Fact]
    public async Task Stopped_server_refuses_connections_until_restarted()
    {
        await using var server = await InfluxServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri, Timeout = Timeout };

        await server.StopAsync();

        Assert.False(server.IsRunning);
        Assert.Null(server.ProcessId);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("ping", UriKind.Relative)));
        await server.RestartAsync();
        using var response = await http.GetAsync(new Uri("ping", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Stopped_process_hangs_requests_until_continued()
    {
        await using var server = await InfluxServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromMilliseconds(500) };

        server.SendSignal(ChildProcess.SigStop);
        // kill(2) returns before the kernel has stopped every thread; wait until /proc says "T (stopped)".
        await Eventually.UntilAsync(
            () => File.ReadAllText($"/proc/{server.ProcessId}/stat").Split(") ")[1].StartsWith('T'),
            TimeSpan.FromSeconds(5), "influxd is stopped");

        await Assert.ThrowsAsync<TaskCanceledException>(() => http.GetAsync(new Uri("ping", UriKind.Relative)));
        server.SendSignal(ChildProcess.SigCont);
        using var response = await http.GetAsync(new Uri("ping", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Two_servers_run_side_by_side_with_separate_ports_and_data()
    {
        var starting = new[] { InfluxServer.StartAsync(), InfluxServer.StartAsync() };
        await using var first = await starting[0];
        await using var second = await starting[1];
        await first.CreateDatabaseAsync("side");
        await second.CreateDatabaseAsync("side");

        await first.WriteAsync("side", "reading pm25=1 1700000000000");

        Assert.NotEqual(first.Port, second.Port);
        Assert.NotEqual(first.RpcPort, second.RpcPort);
        Assert.NotEqual(first.DataDirectory, second.DataDirectory);
        Assert.Equal(1, await first.CountAsync("side", "SELECT count(pm25) FROM reading"));
        Assert.Equal(0, await second.CountAsync("side", "SELECT count(pm25) FROM reading"));
    }

    [Fact]
    public async Task Dispose_ends_the_process_and_removes_the_temp_directory()
    {
        await using var server = await InfluxServer.StartAsync();
        var directory = server.DataDirectory;
        var pid = server.ProcessId!.Value;
        Assert.True(Directory.Exists(Path.Combine(directory, "meta")));

        await server.DisposeAsync();

        Assert.False(Directory.Exists(directory));
        Assert.False(ProcessIsAlive(pid));
    }

    internal static bool ProcessIsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
