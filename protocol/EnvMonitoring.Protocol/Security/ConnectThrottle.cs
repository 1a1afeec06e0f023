using System.Collections.Concurrent;
using System.Net;

namespace EnvMonitoring.Protocol.Security;

/// <summary>
/// Throttles password guessing at an MQTT broker: a source address that failed to authenticate
/// <c>maxFailures</c> times within <c>window</c> is refused without a password check until its
/// oldest counted failure leaves the window. Successes do not clear failures, so one valid
/// credential cannot be used to reset the count while guessing another.
/// </summary>
public sealed class ConnectThrottle
{
    /// <summary>Sources tracked at most; beyond it expired entries are dropped first, then the oldest.</summary>
    private const int MaxSources = 10_000;

    private readonly ConcurrentDictionary<IPAddress, Failures> _bySource = new();
    private readonly int _maxFailures;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;

    public ConnectThrottle(int maxFailures, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFailures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _maxFailures = maxFailures;
        _window = window;
        _time = time;
    }

    /// <summary>Whether <paramref name="source"/> is refused now; an unknown source (null) is never refused.</summary>
    public bool IsBlocked(IPAddress? source)
    {
        if (source is null || !_bySource.TryGetValue(source, out var failures))
        {
            return false;
        }

        lock (failures)
        {
            failures.Expire(_time.GetUtcNow() - _window);
            return failures.Times.Count >= _maxFailures;
        }
    }

    /// <summary>Counts a failed authentication from <paramref name="source"/>.</summary>
    public void Failed(IPAddress? source)
    {
        if (source is null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (_bySource.Count >= MaxSources)
        {
            Prune(now - _window);
        }

        var failures = _bySource.GetOrAdd(source, _ => new Failures());
        lock (failures)
        {
            failures.Expire(now - _window);
            failures.Times.Enqueue(now);
            while (failures.Times.Count > _maxFailures)
            {
                failures.Times.Dequeue();
            }
        }
    }

    /// <summary>The address part of a client's end point (IPv4-mapped IPv6 folded to IPv4).</summary>
    public static IPAddress? SourceOf(EndPoint? endPoint) =>
        endPoint is IPEndPoint ip ? (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address) : null;

    private void Prune(DateTimeOffset horizon)
    {
        foreach (var (source, failures) in _bySource)
        {
            lock (failures)
            {
                failures.Expire(horizon);
                if (failures.Times.Count == 0)
                {
                    _bySource.TryRemove(source, out _);
                }
            }
        }

        // Still full (a flood from many addresses): forget arbitrary ones rather than grow without bound.
        foreach (var source in _bySource.Keys.Take(Math.Max(0, _bySource.Count - (MaxSources / 2))))
        {
            _bySource.TryRemove(source, out _);
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
