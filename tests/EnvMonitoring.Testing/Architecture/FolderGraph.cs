using System.Reflection;
using System.Text;

namespace EnvMonitoring.Testing.Architecture;

/// <summary>
/// Which top-level folders of one assembly use which: a folder is the first namespace segment
/// under the assembly's root namespace (<c>EnvMonitoring.Cloud.Alerts.Email</c> is <c>Alerts</c>);
/// types in the root namespace (the composition root) are <c>(root)</c>. Each edge keeps one
/// example pair of types so a report says where to look.
/// </summary>
public sealed class FolderGraph
{
    /// <summary>The name of the composition root's folder: types directly in the root namespace.</summary>
    public const string Root = "(root)";

    private readonly SortedDictionary<string, SortedDictionary<string, string>> _edges = new(StringComparer.Ordinal);

    private FolderGraph(string rootNamespace) => RootNamespace = rootNamespace;

    public string RootNamespace { get; }

    public IEnumerable<string> Folders => _edges.Keys;

    /// <summary>The folders <paramref name="folder"/> uses, each with an example "Type → Type".</summary>
    public IReadOnlyDictionary<string, string> Uses(string folder) =>
        _edges.TryGetValue(folder, out var uses) ? uses : new SortedDictionary<string, string>(StringComparer.Ordinal);

    public static FolderGraph Of(Assembly assembly, string rootNamespace)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var graph = new FolderGraph(rootNamespace);
        foreach (var type in assembly.GetTypes().Where(t => !t.IsNested && !IsCompilerGenerated(t)))
        {
            var from = graph.FolderOf(type);
            var uses = graph.UsesOf(from);
            foreach (var used in TypeReferences.Of(type).OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                var to = graph.FolderOf(Outermost(used));
                if (to != from && !IsCompilerGenerated(Outermost(used)))
                {
                    uses.TryAdd(to, $"{Name(type)} → {Name(Outermost(used))}");
                    graph.UsesOf(to);
                }
            }
        }

        return graph;
    }

    /// <summary>Every set of two or more folders that reach each other (Tarjan's strongly connected components).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var folder in _edges.Keys)
        {
            if (!index.ContainsKey(folder))
            {
                Visit(folder);
            }
        }

        return cycles;

        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            onStack.Add(folder);
            foreach (var next in _edges[folder].Keys)
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[folder] = Math.Min(low[folder], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[folder] = Math.Min(low[folder], index[next]);
                }
            }

            if (low[folder] != index[folder])
            {
                return;
            }

            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != folder);
            if (component.Count > 1)
            {
                component.Sort(StringComparer.Ordinal);
                cycles.Add(component);
            }
        }
    }

    /// <summary>
    /// Where the code departs from what the folders declare (<see cref="FolderDeclaration"/>): a
    /// folder without a declaration, a declaration without a folder, a use not declared. Empty when
    /// the assembly declares no folders at all.
    /// </summary>
    public IReadOnlyList<string> Violations(IReadOnlyList<FolderDeclaration> declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var problems = new List<string>();
        if (declared.Count == 0)
        {
            return problems;
        }

        var byName = declared.ToDictionary(d => d.Name, StringComparer.Ordinal);
        foreach (var (folder, uses) in _edges.Where(e => e.Key != Root))
        {
            if (!byName.TryGetValue(folder, out var declaration))
            {
                problems.Add($"{folder} has no declaration of what it owns and may use.");
                continue;
            }

            foreach (var (to, example) in uses.Where(u => !declaration.MayUse.Contains(u.Key)))
            {
                problems.Add($"{folder} uses {to}, which it does not declare: {example}.");
            }
        }

        problems.AddRange(declared.Where(d => !_edges.ContainsKey(d.Name)).Select(d => $"{d.Name} is declared but has no types."));
        return problems;
    }

    /// <summary>A readable report: each folder and what it uses, then the cycles with the edges inside them.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(RootNamespace).AppendLine(": folder → folders it uses");
        foreach (var (folder, uses) in _edges)
        {
            text.Append("  ").Append(folder).Append(" → ").AppendLine(uses.Count == 0 ? "(nothing)" : string.Join(", ", uses.Keys));
        }

        var cycles = Cycles();
        text.AppendLine(cycles.Count == 0 ? "No cycles." : $"{cycles.Count} cycle(s):");
        foreach (var cycle in cycles)
        {
            text.Append("  ").AppendLine(string.Join(" ⇄ ", cycle));
            foreach (var from in cycle)
            {
                foreach (var (to, example) in _edges[from].Where(e => cycle.Contains(e.Key)))
                {
                    text.Append("    ").Append(from).Append(" → ").Append(to).Append(": ").AppendLine(example);
                }
            }
        }

        return text.ToString();
    }

    private SortedDictionary<string, string> UsesOf(string folder)
    {
        if (!_edges.TryGetValue(folder, out var uses))
        {
            uses = new SortedDictionary<string, string>(StringComparer.Ordinal);
            _edges[folder] = uses;
        }

        return uses;
    }

    private string FolderOf(Type type)
    {
        var ns = type.Namespace ?? "";
        if (!ns.StartsWith(RootNamespace + ".", StringComparison.Ordinal))
        {
            return Root;
        }

        var rest = ns[(RootNamespace.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    // <PrivateImplementationDetails>, anonymous types, collection-expression types: the compiler's, in no folder.
    private static bool IsCompilerGenerated(Type type) => type.Name.StartsWith('<');

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    private static string Name(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}
