using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EnvMonitoring.Cloud.Rollups;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Testing;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Tests.Storage;

/// <summary>
/// InfluxDB with authentication on, as every fixture and <c>./envmon run</c> start it: nobody gets in
/// without a valid password, and the cloud's own user reads and writes its database and nothing else.
/// </summary>
public sealed class InfluxAuthenticationTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Theory]
    [InlineData("query?q=SHOW%20DATABASES")]
    [InlineData("write?db=_internal")]
    public async Task Request_without_credentials_is_refused_with_401(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(influx.Server.BaseUri, path)) { Content = new StringContent("m v=1") };

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("cloud")]
    [InlineData("nobody")]
    public async Task Request_with_a_wrong_password_is_refused_with_401(string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(influx.Server.BaseUri, "query?q=SHOW%20DATABASES"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:wrong")));

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Client_with_a_wrong_password_fails_visibly_and_retries_writes()
    {
        var database = await PreparedDatabaseAsync("wrongpw");
        var client = Client(database, influx.Server.Cloud with { Password = "wrong" });

        var write = await client.WriteAsync(Encoding.UTF8.GetBytes("m v=1 1700000000000\n"), CancellationToken.None);
        var query = await Assert.ThrowsAsync<InfluxException>(() => client.QueryAsync("SELECT * FROM m", CancellationToken.None));

        Assert.Equal(InfluxWriteOutcome.Retryable, write.Outcome);
        Assert.Equal(HttpStatusCode.Unauthorized, write.Status);
        Assert.Contains("(401)", query.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", query.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_with_a_setup_identity_creates_its_database_and_then_works_as_its_own_user()
    {
        var database = $"auth_setup_{Guid.NewGuid():N}";
        var client = Client(database, influx.Server.Cloud, influx.Server.Admin);

        await client.EnsureDatabaseAsync(CancellationToken.None);
        await new RetentionSetup(client, new LongTermPolicy(client, Options.Create(new InfluxOptions())), Options.Create(new RollupOptions())).EnsureAsync(CancellationToken.None);
        var cloudOnly = Client(database, influx.Server.Cloud);
        var write = await cloudOnly.WriteAsync(Encoding.UTF8.GetBytes("m v=7 1700000000000\n"), CancellationToken.None);

        Assert.Equal(InfluxWriteOutcome.Written, write.Outcome);
        Assert.Equal(1, await influx.Server.CountAsync(database, "SELECT count(v) FROM m"));
        using var read = await cloudOnly.QueryAsync("SELECT v FROM m", CancellationToken.None);
        Assert.Equal(7, read.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")[0][1].GetDouble());
        using var policies = await influx.Server.QueryAsync(database, "SHOW RETENTION POLICIES");
        Assert.Contains("longterm", policies.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cloud_user_starts_on_a_prepared_database_without_admin_rights()
    {
        var database = await PreparedDatabaseAsync("prepared");
        await influx.Server.QueryAsync(database, $"CREATE RETENTION POLICY \"longterm\" ON \"{database}\" DURATION INF REPLICATION 1");
        await influx.Server.QueryAsync(database, $"ALTER RETENTION POLICY \"autogen\" ON \"{database}\" DURATION 720h SHARD DURATION 1d");
        var client = Client(database, influx.Server.Cloud);

        await client.EnsureDatabaseAsync(CancellationToken.None);
        await new RetentionSetup(client, new LongTermPolicy(client, Options.Create(new InfluxOptions())), Options.Create(new RollupOptions { RawRetention = TimeSpan.FromDays(30) })).EnsureAsync(CancellationToken.None);

        // Recent: the 30-day raw retention refuses older points.
        var line = $"m v=1 {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}\n";
        Assert.Equal(InfluxWriteOutcome.Written, (await client.WriteAsync(Encoding.UTF8.GetBytes(line), CancellationToken.None)).Outcome);
    }

    [Theory]
    [InlineData("CREATE DATABASE \"other\"")]
    [InlineData("CREATE USER \"intruder\" WITH PASSWORD 'x' WITH ALL PRIVILEGES")]
    [InlineData("GRANT ALL PRIVILEGES TO \"cloud\"")]
    [InlineData("DROP DATABASE \"_internal\"")]
    [InlineData("CREATE RETENTION POLICY \"short\" ON \"{db}\" DURATION 1h REPLICATION 1 DEFAULT")]
    public async Task Cloud_user_may_not_administer(string statement)
    {
        var database = await PreparedDatabaseAsync("admin_refused");
        var client = Client(database, influx.Server.Cloud);

        var error = await Assert.ThrowsAsync<InfluxException>(() => client.QueryAsync(statement.Replace("{db}", database, StringComparison.Ordinal), CancellationToken.None));

        Assert.Contains("admin privilege", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cloud_user_may_not_touch_a_database_not_granted_to_it()
    {
        var other = $"auth_other_{Guid.NewGuid():N}";
        await influx.Server.CreateDatabaseAsync(other);
        await influx.Server.WriteAsync(other, "m v=1 1700000000000");
        var client = Client(other, influx.Server.Cloud);

        var read = await Assert.ThrowsAsync<InfluxException>(() => client.QueryAsync("SELECT * FROM m", CancellationToken.None));
        var write = await client.WriteAsync(Encoding.UTF8.GetBytes("m v=2 1700000000000\n"), CancellationToken.None);
        var delete = await Assert.ThrowsAsync<InfluxException>(() => client.QueryAsync("DELETE FROM m", CancellationToken.None));

        Assert.Contains("not authorized", read.Message, StringComparison.Ordinal);
        Assert.NotEqual(InfluxWriteOutcome.Written, write.Outcome);
        Assert.Contains("not authorized", delete.Message, StringComparison.Ordinal);
        Assert.Equal(1, await influx.Server.CountAsync(other, "SELECT count(v) FROM m WHERE v = 1"));
    }

    [Fact]
    public async Task Credentials_travel_in_the_authorization_header_never_in_the_url()
    {
        var seen = new List<HttpRequestMessage>();
        using var http = new HttpClient(new Recording(seen));
        var client = new InfluxClient(http, Options.Create(new InfluxOptions
        {
            Url = new Uri("http://127.0.0.1:8086"),
            Username = "cloud",
            Password = "s3cret",
            SetupUsername = "admin",
            SetupPassword = "adm1n",
        }));

        await client.WriteAsync(Encoding.UTF8.GetBytes("m v=1\n"), CancellationToken.None);
        await client.EnsureDatabaseAsync(CancellationToken.None);

        Assert.All(seen, request =>
        {
            Assert.DoesNotContain("s3cret", request.RequestUri!.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("adm1n", request.RequestUri!.ToString(), StringComparison.Ordinal);
            Assert.Equal("Basic", request.Headers.Authorization?.Scheme);
        });
        Assert.Equal("cloud:s3cret", Encoding.UTF8.GetString(Convert.FromBase64String(seen[0].Headers.Authorization!.Parameter!)));
    }

    public void Dispose() => _http.Dispose();

    private async Task<string> PreparedDatabaseAsync(string prefix)
    {
        var database = $"auth_{prefix}_{Guid.NewGuid():N}";
        await influx.Server.CreateDatabaseAsync(database);
        await influx.Server.GrantCloudAsync(database);
        return database;
    }

    private InfluxClient Client(string database, InfluxCredential user, InfluxCredential? setup = null) =>
        new(_http, Options.Create(new InfluxOptions
        {
            Url = influx.Server.BaseUri,
            Database = database,
            Username = user.Username,
            Password = user.Password,
            SetupUsername = setup?.Username,
            SetupPassword = setup?.Password,
        }));

    /// <summary>Answers every request with an empty result set and keeps it for inspection.</summary>
    private sealed class Recording(List<HttpRequestMessage> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request);
            return Task.FromResult(new HttpResponseMessage(request.RequestUri!.AbsolutePath.EndsWith("write", StringComparison.Ordinal) ? HttpStatusCode.NoContent : HttpStatusCode.OK)
            {
                Content = new StringContent("""{"results":[{"statement_id":0}]}"""),
            });
        }
    }
}
