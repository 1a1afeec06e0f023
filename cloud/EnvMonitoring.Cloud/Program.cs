using EnvMonitoring.Cloud;
using EnvMonitoring.Cloud.Backtest;
using EnvMonitoring.Protocol.Security;

if (args is [BacktestCommand.Name, .. var backtest])
{
    return await BacktestCommand.RunFromConsoleAsync(backtest);
}

if (args is ["hash-password", ..])
{
    // For Security:Users:N:PasswordHash. The password comes from the argument or, better (no shell history), standard input.
    var password = args.Length > 1 ? args[1] : Console.In.ReadLine();
    if (string.IsNullOrEmpty(password))
    {
        await Console.Error.WriteLineAsync("usage: EnvMonitoring.Cloud hash-password [password]   (or the password on standard input)");
        return 2;
    }

    Console.WriteLine(PasswordHash.Create(password));
    return 0;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddCloudServices();

var app = builder.Build();
app.MapCloudApi();
await app.RunAsync();
return 0;

/// <summary>Entry point; public for <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program;
