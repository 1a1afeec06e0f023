namespace EnvMonitoring.Node;

internal static class NodeVersion
{
    public static string Firmware { get; } = typeof(NodeVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
