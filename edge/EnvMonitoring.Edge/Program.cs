using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Edge;

/// <summary>The gateway process: one per industrial park. <c>hash-password</c> prints a device password hash.</summary>
internal static class GatewayProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["hash-password", ..])
        {
            // The password comes from the argument or, better (no shell history), from standard input.
            var password = args.Length > 1 ? args[1] : Console.In.ReadLine();
            if (string.IsNullOrEmpty(password))
            {
                await Console.Error.WriteLineAsync("usage: EnvMonitoring.Edge hash-password [password]   (or the password on standard input)");
                return 2;
            }

            Console.WriteLine(PasswordHash.Create(password));
            return 0;
        }

        var builder = Host.CreateApplicationBuilder(args);
        builder.AddGateway();
        await builder.Build().RunAsync();
        return 0;
    }
}
