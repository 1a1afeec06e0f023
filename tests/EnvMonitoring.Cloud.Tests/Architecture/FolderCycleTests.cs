using EnvMonitoring.Testing.Architecture;
using Xunit.Abstractions;

namespace EnvMonitoring.Cloud.Tests.Architecture;

/// <summary>The cloud host's folders depend on each other in one direction (docs/architecture.md).</summary>
public sealed class FolderCycleTests(ITestOutputHelper output)
{
    [Fact]
    public void Cloud_host_folders_have_no_cycles()
    {
        var graph = FolderGraph.Of(typeof(CloudServices).Assembly, "EnvMonitoring.Cloud");
        output.WriteLine(graph.Describe());
        Assert.True(graph.Cycles().Count == 0, graph.Describe());
    }

    [Fact]
    public void Rules_core_folders_have_no_cycles()
    {
        var graph = FolderGraph.Of(typeof(Rules.Engine.RuleEngine).Assembly, "EnvMonitoring.Rules");
        Assert.True(graph.Cycles().Count == 0, graph.Describe());
    }
}
