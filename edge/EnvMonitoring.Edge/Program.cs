using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Edge;

/// <summary>The gateway process: one per industrial park. <c>hash-password</c> prints a device password hash.</summary>
internal static class GatewayProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["hash-password", ..])
        {
            return await PasswordHash.RunCommandAsync(args, "EnvMonitoring.Edge", Console.In, Console.Out, Console.Error);
        }

        var builder = Host.CreateApplicationBuilder(args);
        builder.AddGateway();
        await builder.Build().RunAsync();
        return 0;
    }
}
