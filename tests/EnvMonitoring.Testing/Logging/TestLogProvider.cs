using Microsoft.Extensions.Logging;

namespace EnvMonitoring.Testing.Logging;

/// <summary>
/// The <see cref="ILoggerProvider"/> face of a <see cref="TestLog"/>. Disposing it does nothing:
/// the host's logger factory may dispose its providers, but only the test ends the log.
/// </summary>
internal sealed class TestLogProvider(TestLog log) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TestLogger(log, categoryName);

    public void Dispose()
    {
    }
}
