using Microsoft.Extensions.Logging;

namespace EnvMonitoring.Testing.Logging;

/// <summary>One entry a host (or a child process) logged, as <see cref="TestLog"/> keeps it.</summary>
public sealed record LogEntry(DateTimeOffset At, string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
{
    /// <summary>True for the source-generated event <paramref name="name"/> (the <c>[LoggerMessage]</c> method's name unless it sets one).</summary>
    public bool Is(string name) => string.Equals(EventId.Name, name, StringComparison.Ordinal);

    public override string ToString()
    {
        var text = $"{At:HH:mm:ss.fff} {Level} {Category}[{EventId.Id}{(EventId.Name is null ? "" : " " + EventId.Name)}]: {Message}";
        return Exception is null ? text : $"{text}\n    {Exception.GetType().Name}: {Exception.Message}";
    }
}
