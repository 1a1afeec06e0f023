using EnvMonitoring.Edge;

var builder = Host.CreateApplicationBuilder(args);
builder.AddGateway();
await builder.Build().RunAsync();
