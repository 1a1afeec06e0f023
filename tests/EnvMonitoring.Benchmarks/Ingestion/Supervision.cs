namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// Runs a scenario's work beside a watch that reports progress and fails the run when the work
/// stalls or a process dies; whichever ends first decides, and the other is cancelled.
/// </summary>
internal static class Supervision
{
    public static async Task RunAsync(Func<CancellationToken, Task> work, Func<CancellationToken, Task> watch, CancellationToken ct)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var working = work(both.Token);
        var watching = watch(both.Token);
        var first = await Task.WhenAny(working, watching);
        await both.CancelAsync();
        if (first == watching)
        {
            // The watch only ends by failing (or by the caller's cancellation): its reason is the
            // one to report, and the work it cancelled ends with an OperationCanceledException.
            await Task.WhenAny(working);
            await watching;
            throw new BenchFailedException("the progress watch ended while the work was still running.");
        }

        await Task.WhenAny(watching);
        await working;
    }
}
