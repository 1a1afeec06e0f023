using EnvMonitoring.Node.Probes;
using EnvMonitoring.Protocol.Samples;
using UnitsNet;

namespace EnvMonitoring.Node.Sampling;

/// <summary>
/// Reads every probe of one station each sampling tick and, at each report, turns the reads of the
/// interval into one reading per parameter (see <see cref="ReadingAccumulator"/>). While a channel
/// is being calibrated its readings are marked status 1 and carry the value before the channel's
/// calibration, so the technician reads off the calibration points directly. Temperature is
/// read first so a pH probe is compensated with this tick's water temperature. Pure logic over
/// <see cref="IProbe"/>: no clock, no I/O of its own; not thread-safe (one loop per station).
/// </summary>
internal sealed class StationSampler
{
    private const string TemperatureCode = "Temp";

    private readonly IProbe[] _probes;
    private readonly ReadingAccumulator[] _accumulators;
    private readonly CalibrationModes _calibration;

    public StationSampler(string station, IEnumerable<IProbe> probes, CalibrationModes calibration)
    {
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(calibration);
        Station = station;
        _probes = [.. probes.OrderBy(p => p.Parameter.Code == TemperatureCode ? 0 : 1).ThenBy(p => p.Parameter.Index)];
        _accumulators = [.. _probes.Select(_ => new ReadingAccumulator())];
        _calibration = calibration;
    }

    public string Station { get; }

    public int Probes => _probes.Length;

    public void SampleOnce(DateTimeOffset now)
    {
        for (var i = 0; i < _probes.Length; i++)
        {
            var probe = _probes[i];
            var reading = probe.Read();
            if (_calibration.IsCalibrating(Station, probe.Parameter.Code, now))
            {
                // In a standard, the technician needs what the channel reads before its calibration:
                // that is the "Measured" of a calibration point.
                reading = new ProbeReading(reading.Uncalibrated ?? reading.Value, DeviceStatus.Calibrating);
            }

            _accumulators[i].Add(reading);
            if (probe.Parameter.Code == TemperatureCode && reading is { Status: DeviceStatus.Measuring, Value: { } celsius })
            {
                foreach (var compensated in _probes.OfType<ITemperatureCompensated>())
                {
                    compensated.Compensate(Temperature.FromDegreesCelsius(celsius));
                }
            }
        }
    }

    /// <summary>The readings of the interval since the last report, in catalog order.</summary>
    public IReadOnlyList<Reading> TakeReport()
    {
        var readings = new List<Reading>(_probes.Length);
        for (var i = 0; i < _probes.Length; i++)
        {
            if (_accumulators[i].TryTake(out var value, out var status))
            {
                readings.Add(new Reading(_probes[i].Parameter, Math.Round(value, 4), status));
            }
        }

        readings.Sort((a, b) => a.Parameter.Index.CompareTo(b.Parameter.Index));
        return readings;
    }

    /// <summary>Forgets the reads of the current interval (the node was off for part of it).</summary>
    public void Discard() => TakeReport();
}
