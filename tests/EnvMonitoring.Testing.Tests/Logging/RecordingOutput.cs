using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace EnvMonitoring.Testing.Tests.Logging;

/// <summary>An <see cref="ITestOutputHelper"/> that keeps its lines for the test to read.</summary>
internal sealed class RecordingOutput : ITestOutputHelper
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public void WriteLine(string message) => _lines.Enqueue(message);

    public void WriteLine(string format, params object[] args) => _lines.Enqueue(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
}
