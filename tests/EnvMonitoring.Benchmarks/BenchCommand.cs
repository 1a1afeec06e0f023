using EnvMonitoring.Benchmarks.Gateway;
using EnvMonitoring.Benchmarks.History;
using EnvMonitoring.Benchmarks.Ingestion;
using EnvMonitoring.Benchmarks.Micro;

namespace EnvMonitoring.Benchmarks;

/// <summary>
/// Entry point of <c>./envmon bench</c>: the ingestion benchmark by default, the codec
/// micro-benchmarks with <c>micro</c> (or <c>--micro</c>). Exit codes: 0 done (a missed target is
/// reported, not failed), 1 an error or data loss, 2 a usage error.
/// </summary>
internal static class BenchCommand
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] is "micro" or "--micro")
        {
            return MicroBench.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] is "live" or "--live")
        {
            return await Live.LiveBench.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] is "gateway" or "--gateway")
        {
            return await GatewayBench.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] is "soak" or "--soak")
        {
            return await SoakBench.RunAsync(args[1..], CancellationToken.None);
        }

        if (args.Length > 0 && args[0] is "relay" or "--relay")
        {
            return await Relay.RelayBench.RunAsync(CancellationToken.None);
        }

        if (args.Length > 0 && args[0] is "history" or "--history")
        {
            return await HistoryBench.RunAsync(CancellationToken.None);
        }

        IngestionSettings settings;
        try
        {
            settings = IngestionSettings.Parse(args);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync(IngestionSettings.Usage);
            return UsageError;
        }

        if (settings.ShowHelp)
        {
            Console.WriteLine(IngestionSettings.Usage);
            return Succeeded;
        }

        // Ctrl-C stops the run and still disposes every child process and temp directory.
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        return await IngestionBench.RunAsync(settings, stop.Token);
    }
}
