using System.Diagnostics;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// Prints a progress line every few seconds, checks that the processes under test are alive, and
/// fails the scenario when the progress figure has not moved for a minute.
/// </summary>
internal sealed class ProgressWatch(string scenario, Stopwatch clock, Func<CancellationToken, Task<Progress>> read, Action? check = null)
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PrintInterval = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    public async Task RunAsync(CancellationToken ct)
    {
        var last = -1L;
        var sinceChange = Stopwatch.StartNew();
        var sincePrint = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(CheckInterval, ct);
            check?.Invoke();
            var progress = await read(ct);
            if (progress.Count != last)
            {
                last = progress.Count;
                sinceChange.Restart();
            }
            else if (sinceChange.Elapsed > StallTimeout)
            {
                throw new BenchFailedException($"({scenario}) no progress for {StallTimeout.TotalSeconds:0} s: {progress.Text}.");
            }

            if (sincePrint.Elapsed >= PrintInterval)
            {
                sincePrint.Restart();
                BenchLog.Step(scenario, $"{clock.Elapsed.TotalSeconds,5:0.0} s  {progress.Text}");
            }
        }
    }
}
