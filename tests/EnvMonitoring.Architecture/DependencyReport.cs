using System.Reflection;
using EnvMonitoring.Testing.Architecture;

namespace EnvMonitoring.Architecture;

/// <summary>
/// <c>./envmon deps [project…]</c>: prints which folders of each project use which, and the
/// cycles among them (docs/architecture.md). Exit 1 when a project has a cycle.
/// </summary>
internal static class DependencyReport
{
    private static readonly Dictionary<string, (Assembly Assembly, string Root)> Projects = new(StringComparer.OrdinalIgnoreCase)
    {
        ["protocol"] = (typeof(Protocol.Codec.SampleCodec).Assembly, "EnvMonitoring.Protocol"),
        ["rules"] = (typeof(Rules.Engine.RuleEngine).Assembly, "EnvMonitoring.Rules"),
        ["cloud"] = (typeof(Cloud.CloudServices).Assembly, "EnvMonitoring.Cloud"),
        ["edge"] = (typeof(Edge.Log.SampleLog).Assembly, "EnvMonitoring.Edge"),
        ["node"] = (typeof(Node.NodeOptions).Assembly, "EnvMonitoring.Node"),
    };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            output.WriteLine($"Usage: ./envmon deps [{string.Join("|", Projects.Keys)}]…  (all when none is named)");
            return 0;
        }

        var unknown = args.Where(a => !Projects.ContainsKey(a)).ToList();
        if (unknown.Count > 0)
        {
            error.WriteLine($"Unknown project {string.Join(", ", unknown)}: use {string.Join(", ", Projects.Keys)}.");
            return 2;
        }

        var cycles = 0;
        foreach (var name in args.Length == 0 ? [.. Projects.Keys] : args)
        {
            var (assembly, root) = Projects[name];
            var graph = FolderGraph.Of(assembly, root);
            output.WriteLine(graph.Describe());
            cycles += graph.Cycles().Count;
        }

        return cycles == 0 ? 0 : 1;
    }
}
