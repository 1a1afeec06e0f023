using EnvMonitoring.Cloud;

if (await CloudCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddCloudServices();

var app = builder.Build();
app.MapCloudApi();
await app.RunAsync();
return 0;

/// <summary>Entry point; public for <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program;
