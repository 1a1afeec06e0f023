using Microsoft.Extensions.Logging;

namespace EnvMonitoring.Testing.Logging;

/// <summary>One category's logger: hands every entry, whatever its level, to the <see cref="TestLog"/>.</summary>
internal sealed class TestLogger(TestLog log, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    // Levels are the host's filters' business; whatever reaches this logger is kept.
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        log.Add(new LogEntry(DateTimeOffset.UtcNow, category, logLevel, eventId, formatter(state, exception), exception));
    }
}
