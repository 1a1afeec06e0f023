using System.Collections.Concurrent;

namespace EnvMonitoring.Protocol.Security;

/// <summary>
/// Throttles password guessing: a key (a source address, an account name) that failed
/// <c>maxFailures</c> times within <c>window</c> is refused without a password check until its
/// oldest counted failure leaves the window; <see cref="IsBlocked(TKey, out TimeSpan)"/> says how
/// long that is. Successes do not clear failures, so one valid credential cannot be used to reset
/// the count while guessing another. At most 10,000 keys are tracked.
/// </summary>
public class FailureThrottle<TKey>
    where TKey : notnull
{
    /// <summary>Keys tracked at most; beyond it expired entries are dropped first, then arbitrary ones.</summary>
    private const int MaxKeys = 10_000;

    private readonly ConcurrentDictionary<TKey, Failures> _byKey;
    private readonly int _maxFailures;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;

    public FailureThrottle(int maxFailures, TimeSpan window, TimeProvider time, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFailures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _byKey = new ConcurrentDictionary<TKey, Failures>(comparer);
        _maxFailures = maxFailures;
        _window = window;
        _time = time;
    }

    /// <summary>Whether <paramref name="key"/> is refused now, and for how much longer.</summary>
    public bool IsBlocked(TKey key, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_byKey.TryGetValue(key, out var failures))
        {
            return false;
        }

        var now = _time.GetUtcNow();
        lock (failures)
        {
            failures.Expire(now - _window);
            if (failures.Times.Count < _maxFailures)
            {
                return false;
            }

            retryAfter = failures.Times.Peek() + _window - now;
            return true;
        }
    }

    /// <summary>Counts a failure of <paramref name="key"/>; returns how many it has within the window now.</summary>
    public int Fail(TKey key)
    {
        var now = _time.GetUtcNow();
        if (_byKey.Count >= MaxKeys)
        {
            Prune(now - _window);
        }

        var failures = _byKey.GetOrAdd(key, _ => new Failures());
        lock (failures)
        {
            failures.Expire(now - _window);
            failures.Times.Enqueue(now);
            while (failures.Times.Count > _maxFailures)
            {
                failures.Times.Dequeue();
            }

            return failures.Times.Count;
        }
    }

    private void Prune(DateTimeOffset horizon)
    {
        foreach (var (key, failures) in _byKey)
        {
            lock (failures)
            {
                failures.Expire(horizon);
                if (failures.Times.Count == 0)
                {
                    _byKey.TryRemove(key, out _);
                }
            }
        }

        // Still full (a flood from many keys): forget arbitrary ones rather than grow without bound.
        foreach (var key in _byKey.Keys.Take(Math.Max(0, _byKey.Count - (MaxKeys / 2))))
        {
            _byKey.TryRemove(key, out _);
        }
    }

    private sealed class Failures
    {
        public Queue<DateTimeOffset> Times { get; } = new();

        public void Expire(DateTimeOffset horizon)
        {
            while (Times.Count > 0 && Times.Peek() <= horizon)
            {
                Times.Dequeue();
            }
        }
    }
}
