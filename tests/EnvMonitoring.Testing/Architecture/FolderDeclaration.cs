using System.Reflection;

namespace EnvMonitoring.Testing.Architecture;

/// <summary>
/// What a folder says of itself with an assembly attribute named <c>FolderAttribute</c>
/// (properties <c>Name</c>, <c>Owns</c>, <c>MayUse</c>): read by name so any project can declare
/// its folders with its own internal attribute.
/// </summary>
public sealed record FolderDeclaration(string Name, string Owns, IReadOnlyList<string> MayUse)
{
    public static IReadOnlyList<FolderDeclaration> Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttributes()
            .Where(a => a.GetType().Name == "FolderAttribute")
            .Select(a => new FolderDeclaration(
                (string)Property(a, "Name"),
                (string)Property(a, "Owns"),
                (IReadOnlyList<string>)Property(a, "MayUse")))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static object Property(Attribute attribute, string name) =>
        attribute.GetType().GetProperty(name)?.GetValue(attribute)
        ?? throw new InvalidOperationException($"{attribute.GetType().FullName} has no {name}.");
}
