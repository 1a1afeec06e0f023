using EnvMonitoring.Benchmarks;

return await BenchCommand.RunAsync(args);
