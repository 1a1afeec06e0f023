using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace EnvMonitoring.Testing.Logging;

/// <summary>
/// Everything a test's hosts logged, in order: a logging provider (<see cref="Provider"/>) for
/// in-process hosts, <see cref="Add"/> for entries parsed from a child process. A test allows
/// the warnings and errors its scenario causes with <see cref="Expect"/>; disposing the log
/// (after the hosts stopped, so shutdown is included) fails the test on any other entry at
/// Warning or above, the way MQTTnet's TestEnvironment fails a test on an unexpected error.
/// </summary>
public sealed class TestLog : IDisposable
{
    /// <summary>Entries below Warning kept at most; a flood of information must not fill the test host's memory.</summary>
    private const int MaxQuietEntries = 200_000;

    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];
    private readonly List<(Func<LogEntry, bool> Match, string Because)> _expected = [];
    private readonly List<LogWaiter> _waiters = [];
    private readonly ITestOutputHelper? _output;
    private int _quiet;
    private long _quietDropped;
    private bool _checked;

    /// <param name="output">When given, every entry is also written to the test's output (xUnit shows it when the test fails).</param>
    public TestLog(ITestOutputHelper? output = null)
    {
        _output = output;
        Provider = new TestLogProvider(this);
    }

    /// <summary>Add it to a host: <c>builder.Logging.AddProvider(log.Provider)</c>.</summary>
    public ILoggerProvider Provider { get; }

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Entries at <paramref name="level"/> or above, expected or not.</summary>
    public IReadOnlyList<LogEntry> AtLeast(LogLevel level)
    {
        lock (_gate)
        {
            return [.. _entries.Where(e => e.Level >= level && e.Level != LogLevel.None)];
        }
    }

    /// <summary>Entries at Warning or above that no <see cref="Expect"/> allows.</summary>
    public IReadOnlyList<LogEntry> Unexpected
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries.Where(e => e.Level is >= LogLevel.Warning and < LogLevel.None && !_expected.Any(x => x.Match(e)))];
            }
        }
    }

    /// <summary>A logger for code a test builds by hand (no host).</summary>
    public ILogger CreateLogger(string category) => Provider.CreateLogger(category);

    /// <summary>
    /// Allows the warnings and errors that <paramref name="match"/> accepts; <paramref name="because"/>
    /// names the scenario that causes them. Keep it narrow: an event name, a category, a message.
    /// </summary>
    public TestLog Expect(Func<LogEntry, bool> match, string because)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentException.ThrowIfNullOrWhiteSpace(because);
        lock (_gate)
        {
            _expected.Add((match, because));
        }

        return this;
    }

    /// <summary>Allows the source-generated event <paramref name="eventName"/> (its <c>[LoggerMessage]</c> method's name).</summary>
    public TestLog ExpectEvent(string eventName, string because) => Expect(e => e.Is(eventName), because);

    /// <summary>Records one entry (a child process's line, or the provider's loggers).</summary>
    public void Add(LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        LogWaiter[] waiters;
        lock (_gate)
        {
            if (entry.Level < LogLevel.Warning && ++_quiet > MaxQuietEntries)
            {
                _quietDropped++;
            }
            else
            {
                _entries.Add(entry);
            }

            waiters = [.. _waiters];
        }

        foreach (var waiter in waiters)
        {
            waiter.Offer(entry);
        }

        Forward(entry);
    }

    /// <summary>Waits until an entry matching <paramref name="match"/> was logged (one logged already counts) and returns it.</summary>
    /// <exception cref="TimeoutException">Nothing matched within <paramref name="timeout"/>; the message carries <paramref name="because"/>.</exception>
    public async Task<LogEntry> WaitForAsync(Func<LogEntry, bool> match, TimeSpan timeout, string because, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentException.ThrowIfNullOrWhiteSpace(because);
        var waiter = new LogWaiter(match);
        lock (_gate)
        {
            foreach (var entry in _entries)
            {
                waiter.Offer(entry);
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Found.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0.0} s waiting until the log shows {because}. Last entries:\n{Tail(20)}");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Fails (an xUnit assertion failure) listing every entry at Warning or above that no <see cref="Expect"/> allows.</summary>
    public void AssertNoUnexpected()
    {
        var unexpected = Unexpected;
        if (unexpected.Count == 0)
        {
            return;
        }

        string allowed;
        lock (_gate)
        {
            allowed = _expected.Count == 0 ? "  (nothing)" : string.Join('\n', _expected.Select(x => "  " + x.Because));
        }

        throw new XunitException(
            $"{unexpected.Count} warning(s) or error(s) logged that the test did not expect " +
            $"(allow one with TestLog.Expect, naming why the scenario causes it):\n{string.Join('\n', unexpected)}\nAllowed:\n{allowed}");
    }

    /// <summary>The end of the test: <see cref="AssertNoUnexpected"/>, once.</summary>
    public void Dispose()
    {
        if (_checked)
        {
            return;
        }

        _checked = true;
        AssertNoUnexpected();
    }

    private string Tail(int count)
    {
        lock (_gate)
        {
            var dropped = _quietDropped == 0 ? "" : $"({_quietDropped} entries below Warning not kept)\n";
            return dropped + string.Join('\n', _entries.TakeLast(count));
        }
    }

    private void Forward(LogEntry entry)
    {
        if (_output is null)
        {
            return;
        }

        try
        {
            _output.WriteLine(entry.ToString());
        }
        catch (InvalidOperationException)
        {
            // The test has already finished (a host logging as it stops): xUnit has no output for it any more.
        }
    }
}
