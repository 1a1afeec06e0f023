using System.Diagnostics;

namespace EnvMonitoring.Testing;

/// <summary>Polls a condition with a timeout, so tests never wait with fixed sleeps.</summary>
public static class Eventually
{
    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Evaluates <paramref name="condition"/> every 50–200 ms until it returns true. Exceptions from
    /// the condition propagate: a failing probe is a failure, not a "not yet".
    /// </summary>
    /// <exception cref="TimeoutException">The condition stayed false for <paramref name="timeout"/>;
    /// the message carries <paramref name="because"/>.</exception>
    public static async Task UntilAsync(
        Func<Task<bool>> condition, TimeSpan timeout, string because, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentException.ThrowIfNullOrWhiteSpace(because);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);

        var clock = Stopwatch.StartNew();
        var interval = FirstInterval;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (await condition())
            {
                return;
            }

            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"Gave up after {clock.Elapsed.TotalSeconds:0.0} s waiting until {because}.");
            }

            await Task.Delay(interval < left ? interval : left, ct);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, MaxInterval.Ticks));
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, TimeSpan, string, CancellationToken)"/>
    public static Task UntilAsync(
        Func<bool> condition, TimeSpan timeout, string because, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), timeout, because, ct);
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value (not null) and returns that value.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string because, CancellationToken ct = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        T? found = null;
        await UntilAsync(async () => (found = await probe()) is not null, timeout, because, ct);
        return found!;
    }

    /// <inheritdoc cref="ValueAsync{T}(Func{Task{T}}, TimeSpan, string, CancellationToken)"/>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string because, CancellationToken ct = default)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(probe);
        T? found = null;
        await UntilAsync(async () => (found = await probe()) is not null, timeout, because, ct);
        return found!.Value;
    }
}
