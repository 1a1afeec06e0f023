using System.Net;
using System.Net.Http.Json;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;

namespace EnvMonitoring.Integration.Tests.Storage;

/// <summary>
/// A journal (audit log, alert events, seals) keeps an entry InfluxDB could not take and writes it
/// when InfluxDB is back, on its own: not only when the next entry happens to come.
/// </summary>
public sealed class JournalRetryTests(ITestOutputHelper output)
{
    private const string Database = "journal_retry";

    [Fact]
    public async Task An_audit_entry_made_while_InfluxDB_is_down_is_stored_when_it_returns_with_nothing_else_recorded()
    {
        await using var influx = await InfluxServer.StartAsync();
        await using var cloud = await CloudProcess.StartAsync(new CloudProcessSettings { Influx = influx, Database = Database, BrokerPort = FreePort.Next() }, output);
        await RefusedSignInAsync(cloud);
        await Eventually.UntilAsync(async () => await AuditCountAsync(influx) == 1, TimeSpan.FromSeconds(30), "the first refused sign-in is audited");

        await influx.StopAsync();
        await RefusedSignInAsync(cloud);
        await Eventually.UntilAsync(
            () => cloud.OutputTail.Contains("audit entries yet", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the write fails while InfluxDB is down");
        await influx.RestartAsync();

        await Eventually.UntilAsync(async () => await AuditCountAsync(influx) == 2, TimeSpan.FromSeconds(60), "the entry made during the outage is stored with no later entry to carry it");
    }

    private static async Task RefusedSignInAsync(CloudProcess cloud)
    {
        using var client = cloud.AnonymousClient();
        using var refused = await client.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { name = TestUsers.Viewer.Name, password = "not-the-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static Task<long> AuditCountAsync(InfluxServer influx) =>
        influx.CountAsync(Database, $"SELECT count(\"json\") FROM \"{Database}\".\"longterm\".\"audit\"");
}
