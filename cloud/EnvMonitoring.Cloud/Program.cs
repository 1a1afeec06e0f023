using EnvMonitoring.Cloud;
using EnvMonitoring.Cloud.Backtest;

if (args is [BacktestCommand.Name, .. var backtest])
{
    Environment.ExitCode = await BacktestCommand.RunFromConsoleAsync(backtest);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddCloudServices();

var app = builder.Build();
app.MapCloudApi();
app.Run();

/// <summary>Entry point; public for <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program;
