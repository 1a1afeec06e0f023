using EnvMonitoring.Architecture;

return DependencyReport.Run(args, Console.Out, Console.Error);
