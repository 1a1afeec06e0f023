namespace EnvMonitoring.Node.Sampling;

/// <summary>
/// Which channels are being calibrated right now: by an MQTT command (for a station, or some of its
/// parameters, until a time) or by a maintenance switch on a GPIO pin. Readings taken meanwhile are
/// marked status 1 and never count toward compliance. Thread-safe.
/// </summary>
internal sealed class CalibrationModes
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Station, string? Parameter), DateTimeOffset> _commands = [];
    private readonly List<(string Station, string Parameter, Func<bool> IsOn)> _switches = [];

    /// <summary>Marks the parameters (all of the station's when null or empty) as calibrating until <paramref name="until"/>.</summary>
    public void Begin(string station, IReadOnlyCollection<string>? parameters, DateTimeOffset until)
    {
        lock (_gate)
        {
            if (parameters is null || parameters.Count == 0)
            {
                _commands[(station, null)] = until;
                return;
            }

            foreach (var parameter in parameters)
            {
                _commands[(station, parameter)] = until;
            }
        }
    }

    /// <summary>Ends commanded calibration of the parameters (all of the station's when null or empty).</summary>
    public void End(string station, IReadOnlyCollection<string>? parameters)
    {
        lock (_gate)
        {
            var ended = _commands.Keys.Where(k => k.Station == station && (parameters is null || parameters.Count == 0 || (k.Parameter is { } p && parameters.Contains(p)))).ToList();
            foreach (var key in ended)
            {
                _commands.Remove(key);
            }
        }
    }

    /// <summary>A switch that marks one channel as calibrating while <paramref name="isOn"/> says so.</summary>
    public void AddSwitch(string station, string parameter, Func<bool> isOn)
    {
        ArgumentNullException.ThrowIfNull(isOn);
        lock (_gate)
        {
            _switches.Add((station, parameter, isOn));
        }
    }

    public bool IsCalibrating(string station, string parameter, DateTimeOffset now)
    {
        lock (_gate)
        {
            if ((_commands.TryGetValue((station, null), out var until) && now < until)
                || (_commands.TryGetValue((station, parameter), out until) && now < until))
            {
                return true;
            }

            foreach (var (s, p, isOn) in _switches)
            {
                if (s == station && p == parameter && isOn())
                {
                    return true;
                }
            }

            return false;
        }
    }
}
