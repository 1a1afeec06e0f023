namespace EnvMonitoring.Cloud.Security;

/// <summary>What <see cref="UserDirectory.Replace"/> changed: users added, removed, or changed (password, roles, parks, state), by name.</summary>
public sealed record UserChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    /// <summary>Between two sets of <see cref="UserDirectory.Stamps"/>.</summary>
    public static UserChanges Between(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new(
            [.. after.Keys.Where(name => !before.ContainsKey(name)).Order(StringComparer.Ordinal)],
            [.. before.Keys.Where(name => !after.ContainsKey(name)).Order(StringComparer.Ordinal)],
            [.. after.Where(u => before.TryGetValue(u.Key, out var stamp) && stamp != u.Value).Select(u => u.Key).Order(StringComparer.Ordinal)]);
    }

    /// <summary>"added: a; changed: b, c", for the audit log; empty when nothing changed.</summary>
    public override string ToString() => string.Join("; ", new[] { ("added", Added), ("removed", Removed), ("changed", Changed) }
        .Where(p => p.Item2.Count > 0)
        .Select(p => $"{p.Item1}: {string.Join(", ", p.Item2)}"));
}
