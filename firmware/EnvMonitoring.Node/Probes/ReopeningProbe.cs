using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Node.Probes;

/// <summary>
/// A channel whose device did not answer when the node started (unplugged, powered later): it
/// reads as a fault without a value, and tries to open the device again now and then, so one dead
/// converter neither stops the node nor needs a restart once it is back.
/// </summary>
internal sealed class ReopeningProbe(Parameter parameter, Func<IProbe> open, TimeProvider time, TimeSpan retryEvery, Action<Exception> failed) : IProbe
{
    private IProbe? _probe;
    private DateTimeOffset _lastAttempt = time.GetUtcNow();

    public Parameter Parameter { get; } = parameter;

    public bool IsOpen => _probe is not null;

    public ProbeReading Read()
    {
        if (_probe is null)
        {
            var now = time.GetUtcNow();
            if (now - _lastAttempt < retryEvery)
            {
                return ProbeReading.Fault();
            }

            _lastAttempt = now;
            try
            {
                _probe = open();
            }
            catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException)
            {
                failed(e);
                return ProbeReading.Fault();
            }
        }

        return _probe.Read();
    }
}
