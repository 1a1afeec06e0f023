using System.Collections.Concurrent;

namespace EnvMonitoring.Node.Tests.Support;

/// <summary>Keeps what the node logged, so a test fails on a warning or error it did not expect.</summary>
internal sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public IEnumerable<Entry> AtLeast(LogLevel level) => Entries.Where(e => e.Level >= level);

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    /// <summary>Fails when anything was logged at <paramref name="level"/> or above other than the expected event ids.</summary>
    public void AssertNothingAtOrAbove(LogLevel level, params int[] expectedEventIds)
    {
        var unexpected = AtLeast(level).Where(e => !expectedEventIds.Contains(e.EventId.Id)).ToList();
        Assert.True(unexpected.Count == 0, "unexpected log entries:\n" + string.Join("\n", unexpected));
    }

    public void Dispose()
    {
    }

    internal sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}[{EventId.Id}]: {Message} {Exception?.Message}";
    }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue(new Entry(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
