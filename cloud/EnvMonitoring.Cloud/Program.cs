using EnvMonitoring.Cloud;

var builder = WebApplication.CreateBuilder(args);
builder.AddCloudServices();

var app = builder.Build();
app.MapCloudApi();
app.Run();

/// <summary>Entry point; public for <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program;
