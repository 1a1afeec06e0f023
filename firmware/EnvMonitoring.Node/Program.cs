namespace EnvMonitoring.Node;

/// <summary>The sensor-node process.</summary>
internal static class NodeProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddNode();
        await builder.Build().RunAsync();
    }
}
