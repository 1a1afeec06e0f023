namespace EnvMonitoring.Rules.Alerts;

/// <summary>
/// An alert's identity: <c>{station}/{parameter or -}/{rule}/{sequence of its Opened event}</c>,
/// unique because sequences are, and readable in logs and URLs (identifiers never contain <c>/</c>).
/// </summary>
public readonly record struct AlertId(string Value)
{
    public override string ToString() => Value;
}
