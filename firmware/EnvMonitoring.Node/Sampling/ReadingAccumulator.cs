using EnvMonitoring.Node.Probes;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Node.Sampling;

/// <summary>
/// The probe reads of one channel over one report interval, and the one reading they make:
/// <list type="bullet">
/// <item>any read during calibration makes the interval <em>calibrating</em> (status 1);</item>
/// <item>otherwise it is <em>measuring</em> when at least half the reads were good, with the mean of
/// the good reads — a single glitch does not void a minute, and bad reads never bias the mean;</item>
/// <item>otherwise a <em>fault</em> (status 2).</item>
/// </list>
/// The value is the mean of the reads with the chosen status (of all reads with a value when those
/// had none); with no value at all there is no reading, since a status cannot travel without one.
/// </summary>
internal sealed class ReadingAccumulator
{
    private readonly int[] _reads = new int[3];
    private readonly int[] _values = new int[3];
    private readonly double[] _sums = new double[3];

    public int Reads => _reads[0] + _reads[1] + _reads[2];

    public void Add(ProbeReading reading)
    {
        var status = (int)reading.Status;
        _reads[status]++;
        if (reading.Value is { } value && double.IsFinite(value))
        {
            _values[status]++;
            _sums[status] += value;
        }
    }

    /// <summary>The interval's reading, and a fresh start for the next interval.</summary>
    public bool TryTake(out double value, out DeviceStatus status)
    {
        status = _reads[(int)DeviceStatus.Calibrating] > 0 ? DeviceStatus.Calibrating
            : _reads[(int)DeviceStatus.Measuring] * 2 >= Reads ? DeviceStatus.Measuring
            : DeviceStatus.Fault;
        var index = (int)status;
        var found = true;
        if (Reads == 0)
        {
            found = false;
            value = 0;
        }
        else if (_values[index] > 0)
        {
            value = _sums[index] / _values[index];
        }
        else if (_values.Sum() is var count and > 0)
        {
            value = _sums.Sum() / count;
        }
        else
        {
            found = false;
            value = 0;
        }

        Array.Clear(_reads);
        Array.Clear(_values);
        Array.Clear(_sums);
        return found;
    }
}
