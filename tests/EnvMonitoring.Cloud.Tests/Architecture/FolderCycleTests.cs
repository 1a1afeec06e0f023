using EnvMonitoring.Testing.Architecture;
using Xunit.Abstractions;

namespace EnvMonitoring.Cloud.Tests.Architecture;

/// <summary>The cloud host's folders (and the protocol's) depend on each other in one direction, the one they declare (docs/architecture.md).</summary>
public sealed class FolderCycleTests(ITestOutputHelper output)
{
    private static readonly FolderGraph Graph = FolderGraph.Of(typeof(CloudServices).Assembly, "EnvMonitoring.Cloud");

    [Fact]
    public void Cloud_host_folders_have_no_cycles()
    {
        output.WriteLine(Graph.Describe());
        Assert.True(Graph.Cycles().Count == 0, Graph.Describe());
    }

    [Fact]
    public void Cloud_host_folders_use_only_what_they_declare()
    {
        var violations = Graph.Violations(FolderDeclaration.Of(typeof(CloudServices).Assembly));
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Every_cloud_host_folder_says_what_it_owns()
    {
        var declared = FolderDeclaration.Of(typeof(CloudServices).Assembly);
        Assert.NotEmpty(declared);
        Assert.All(declared, d => Assert.True(d.Owns.Length >= 20, $"{d.Name}: '{d.Owns}'"));
    }

    [Fact]
    public void Protocol_folders_have_no_cycles()
    {
        var graph = FolderGraph.Of(typeof(Protocol.Codec.SampleCodec).Assembly, "EnvMonitoring.Protocol");
        Assert.True(graph.Cycles().Count == 0, graph.Describe());
    }
}
