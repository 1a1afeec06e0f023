namespace EnvMonitoring.Edge;

/// <summary>The gateway process: one per industrial park.</summary>
internal static class GatewayProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddGateway();
        await builder.Build().RunAsync();
    }
}
