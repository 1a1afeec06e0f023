using EnvMonitoring.Node.Probes;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Node.Simulation;

/// <summary>
/// Plausible signals for one discharge point: a diurnal load curve (low at night, peaking in the
/// working afternoon, local time UTC+7) driving flow and pollutant concentrations, noise and slow
/// drift (<see cref="SignalProfile"/>), and the scripted incidents of a scenario on top. Seeded by
/// the station id, and a pure function of time, so a station's series is repeatable.
/// </summary>
internal sealed class SimulatedStation
{
    private static readonly TimeSpan DriftPeriod = TimeSpan.FromHours(6);

    private readonly int _seed;
    private readonly ScenarioRun _scenario;
    private readonly Dictionary<string, SignalProfile> _profiles;

    public SimulatedStation(string station, Medium medium, ParameterCatalog catalog, ScenarioRun? scenario = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Station = station;
        Medium = medium;
        _seed = Noise.Seed(station);
        _scenario = scenario ?? ScenarioRun.Quiet(DateTimeOffset.UnixEpoch);
        _profiles = SignalProfile.For(medium).ToDictionary(p => p.Code, StringComparer.Ordinal);
        Parameters = [.. SignalProfile.For(medium).Select(p => catalog[p.Code])];
    }

    public string Station { get; }

    public Medium Medium { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>0.3 at night to 1.0 at the mid-afternoon peak.</summary>
    public static double Load(DateTimeOffset now)
    {
        var hour = ProvinceTime.ToLocal(now).TimeOfDay.TotalHours;
        return 0.65 + (0.35 * Math.Sin((hour - 9) / 24 * 2 * Math.PI));
    }

    /// <summary>What the probe reads at <paramref name="now"/>, incidents included.</summary>
    public ProbeReading Read(Parameter parameter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var code = parameter.Code;
        var value = Normal(code, now);
        foreach (var active in _scenario.Active(Station, now))
        {
            var incident = active.Incident;
            if (!incident.AffectedParameters.Contains(code))
            {
                continue;
            }

            switch (incident.Kind)
            {
                case IncidentKind.Calibration:
                    return new ProbeReading(Round(CalibrationStandard(code, active, now)), DeviceStatus.Calibrating);
                case IncidentKind.ProbeDies:
                    return incident.Failure == ProbeFailure.Silent ? ProbeReading.Fault() : ProbeReading.Fault(0);
                case IncidentKind.FlatLine:
                    value = Normal(code, active.StartedAt);
                    break;
                case IncidentKind.Spike:
                    value *= 1 + ((incident.Factor - 1) * active.Envelope);
                    break;
                case IncidentKind.Excursion:
                    value += (incident.Target!.Value - value) * active.Envelope;
                    break;
            }
        }

        return ProbeReading.Measured(Round(value));
    }

    /// <summary>The undisturbed signal: load, drift and noise.</summary>
    public double Normal(string code, DateTimeOffset now)
    {
        var profile = _profiles[code];
        var channel = Noise.Seed(code);
        var phase = (Noise.Seed(Station + code) & 0xFFFF) / 65536.0 * 2 * Math.PI;
        var drift = profile.Drift * Math.Sin((2 * Math.PI * (now - DateTimeOffset.UnixEpoch) / DriftPeriod) + phase);
        var relative = profile.RelativeNoise * Noise.Normal(_seed, channel, now);
        var absolute = profile.AbsoluteNoise * Noise.Normal(_seed, ~channel, now);
        return ((profile.Base + (profile.LoadGain * Load(now))) * (1 + relative + drift)) + absolute;
    }

    /// <summary>A zero standard for the first half of a calibration, a span standard for the second (pH: buffers 7 and 4).</summary>
    private double CalibrationStandard(string code, ActiveIncident active, DateTimeOffset now)
    {
        var first = active.Progress < 0.5;
        var standard = code switch
        {
            "pH" => first ? 7.0 : 4.0,
            "Temp" or "GasTemp" => 25.0,
            "Pressure" => 101.3,
            "O2" => first ? 0 : 20.9,
            _ => first ? 0 : _profiles[code].Nominal,
        };
        return standard + (0.002 * Math.Max(1, standard) * Noise.Normal(_seed, Noise.Seed(code) ^ 0x5A5A, now));
    }

    private static double Round(double value) => Math.Round(value, 3);
}
