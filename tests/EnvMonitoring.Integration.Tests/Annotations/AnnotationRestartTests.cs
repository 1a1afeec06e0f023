using EnvMonitoring.Cloud.Annotations;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Microsoft.Extensions.DependencyInjection;
using static EnvMonitoring.Integration.Tests.Annotations.AnnotationClient;

namespace EnvMonitoring.Integration.Tests.Annotations;

/// <summary>
/// The annotation book is rebuilt from its journal: after a restart every annotation is back in
/// the state its last step left it, with who and when, and the journal holds one point per step.
/// </summary>
public sealed class AnnotationRestartTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Stations:0:Park"] = "RestartPark",
        ["Stations:0:Station"] = "RST-01",
        ["Stations:0:Medium"] = "Water",
        ["Stations:0:ExpectedInterval"] = "00:05:00",
        ["Stations:0:Permit:0:Parameter"] = "COD",
        ["Stations:0:Permit:0:Max"] = "100",
        ["Stations:0:Permit:0:Reference"] = "test permit 1/GP",
    };

    [Fact]
    public async Task Every_annotation_comes_back_in_its_state_after_a_restart()
    {
        var database = $"annot_{Guid.NewGuid():N}";
        var day = LocalDay(1);
        string approved, rejected, pending;
        await using (var cloud = await CloudHost.StartAsync(influx.Server, database, Settings))
        {
            using var operatorClient = cloud.ClientFor(TestUsers.Operator);
            using var inspector = cloud.ClientFor(TestUsers.Inspector);
            approved = (await ProposeAsync(operatorClient, Body("RST-01", "COD", day.AddHours(1), day.AddHours(2), "powerOutage"))).GetProperty("id").GetString()!;
            rejected = (await ProposeAsync(operatorClient, Body("RST-01", "COD", day.AddHours(3), day.AddHours(4), "probeFault"))).GetProperty("id").GetString()!;
            pending = (await ProposeAsync(operatorClient, Body("RST-01", "COD", day.AddHours(5), day.AddHours(6), "laboratoryValue", value: 42.5))).GetProperty("id").GetString()!;
            await StepOkAsync(inspector, approved, "approve");
            await StepOkAsync(inspector, rejected, "reject", "No outage recorded by the utility");
            var journal = cloud.Services.GetRequiredService<AnnotationJournal>();
            await Eventually.UntilAsync(() => Task.FromResult(journal.Backlog == 0), TimeSpan.FromSeconds(20), "every step is in InfluxDB");
        }

        await using var restarted = await CloudHost.StartAsync(influx.Server, database, Settings);
        using var viewer = restarted.ClientFor(TestUsers.Viewer);
        var annotations = (await ListAsync(viewer, "station=RST-01")).ToDictionary(a => a.GetProperty("id").GetString()!);
        Assert.Equal(3, annotations.Count);
        Assert.Equal(("approved", TestUsers.Inspector.Name), (annotations[approved].GetProperty("state").GetString(), annotations[approved].GetProperty("decidedBy").GetString()));
        Assert.Equal(("rejected", "No outage recorded by the utility"), (annotations[rejected].GetProperty("state").GetString(), annotations[rejected].GetProperty("decisionNote").GetString()));
        Assert.Equal(("pending", 42.5), (annotations[pending].GetProperty("state").GetString(), annotations[pending].GetProperty("value").GetDouble()));
        Assert.Equal(TestUsers.Operator.Name, annotations[pending].GetProperty("proposedBy").GetString());

        // Append-only: five steps, five points, none overwritten.
        using (var answer = await influx.Server.QueryAsync(database, $"SELECT count(\"json\") FROM \"{database}\".\"longterm\".\"annotation\""))
        {
            Assert.Equal(5, answer.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")[0][1].GetInt64());
        }

        // And the restarted book takes the next step.
        using var inspectorAfter = restarted.ClientFor(TestUsers.Inspector);
        Assert.Equal("approved", (await StepOkAsync(inspectorAfter, pending, "approve")).GetProperty("state").GetString());
    }
}
