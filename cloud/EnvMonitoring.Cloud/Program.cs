using EnvMonitoring.Cloud;
using EnvMonitoring.Cloud.Backtest;
using EnvMonitoring.Protocol.Security;

if (args is [BacktestCommand.Name, .. var backtest])
{
    return await BacktestCommand.RunFromConsoleAsync(backtest);
}

if (args is ["hash-password", ..])
{
    // For Security:Users:N:PasswordHash.
    return await PasswordHash.RunCommandAsync(args, "EnvMonitoring.Cloud", Console.In, Console.Out, Console.Error);
}

if (args is [CertificatesCommand.Name, .. var certificates])
{
    // The private CA and listener certificates of ./envmon run (docs/security.md, TLS).
    return CertificatesCommand.Run(certificates, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddCloudServices();

var app = builder.Build();
app.MapCloudApi();
await app.RunAsync();
return 0;

/// <summary>Entry point; public for <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program;
