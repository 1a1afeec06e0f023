namespace EnvMonitoring.Cloud;

/// <summary>
/// Declares one top-level folder of the host: what it owns and which other folders it may use.
/// Each folder states it once, in its <c>About.cs</c>; the architecture test fails when a folder
/// uses one it does not declare or has no declaration, and <c>./envmon deps</c> prints the map
/// (docs/architecture.md). The composition root (<see cref="CloudServices"/>, <c>Program</c>) may
/// use every folder and no folder may use it.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class FolderAttribute(string name, string owns, params string[] mayUse) : Attribute
{
    public string Name { get; } = name;

    public string Owns { get; } = owns;

    public IReadOnlyList<string> MayUse { get; } = mayUse;
}
