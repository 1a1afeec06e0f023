using EnvMonitoring.Edge.Log;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Edge.Tests.Intake;

/// <summary>
/// An <see cref="ISampleSink"/> that records each append, and on demand refuses (as the log does at
/// its disk cap) or hangs until cancelled (as a commit does while the gateway stops).
/// </summary>
internal sealed class RecordingSink : ISampleSink
{
    private readonly Lock _lock = new();
    private readonly List<IReadOnlyList<Sample>> _appends = [];
    private volatile Exception? _failWith;
    private volatile bool _hang;
    private int _attempts;

    /// <summary>Every AppendAsync call, successful or not.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The successful appends, one list of samples per call.</summary>
    public IReadOnlyList<IReadOnlyList<Sample>> Appends
    {
        get
        {
            lock (_lock)
            {
                return [.. _appends];
            }
        }
    }

    public IReadOnlyList<Sample> Samples => [.. Appends.SelectMany(a => a)];

    /// <summary>Makes every append throw <paramref name="exception"/> until set back to null.</summary>
    public void FailWith(Exception? exception) => _failWith = exception;

    /// <summary>Makes every append wait until it is cancelled.</summary>
    public void Hang(bool hang) => _hang = hang;

    public async ValueTask AppendAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        if (_hang)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        if (_failWith is { } exception)
        {
            throw exception;
        }

        lock (_lock)
        {
            _appends.Add([.. samples]);
        }
    }
}
