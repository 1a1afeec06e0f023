using EnvMonitoring.Node;

var builder = Host.CreateApplicationBuilder(args);
builder.AddNode();
await builder.Build().RunAsync();
