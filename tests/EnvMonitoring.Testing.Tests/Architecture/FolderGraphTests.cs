using EnvMonitoring.Testing.Architecture;

namespace EnvMonitoring.Testing.Tests.Architecture;

public sealed class FolderGraphTests
{
    private const string Fixtures = "EnvMonitoring.Testing.Tests.Architecture.Fixture";

    [Fact]
    public void Finds_a_cycle_made_through_a_lambda()
    {
        var graph = FolderGraph.Of(typeof(FolderGraphTests).Assembly, Fixtures + ".Cyclic");

        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal(["Alpha", "Beta"], cycle);
        Assert.Contains("Beta", graph.Uses("Alpha").Keys);
        Assert.Equal("Valve → Pump", graph.Uses("Beta")["Alpha"]);
    }

    [Fact]
    public void Sees_a_use_inside_an_async_method_and_no_cycle_in_layers()
    {
        var graph = FolderGraph.Of(typeof(FolderGraphTests).Assembly, Fixtures + ".Layered");

        Assert.Empty(graph.Cycles());
        Assert.Equal("Report → Store", graph.Uses("Upper")["Lower"]);
        Assert.Empty(graph.Uses("Lower"));
    }

    [Fact]
    public void Reports_uses_that_a_folder_does_not_declare()
    {
        var graph = FolderGraph.Of(typeof(FolderGraphTests).Assembly, Fixtures + ".Layered");

        Assert.Empty(graph.Violations([new("Upper", "reports", ["Lower"]), new("Lower", "the store", [])]));
        Assert.Equal(
            ["Lower has no declaration of what it owns and may use.", "Upper uses Lower, which it does not declare: Report → Store.", "Gone is declared but has no types."],
            graph.Violations([new("Upper", "reports", []), new("Gone", "nothing", [])]));
    }
}
