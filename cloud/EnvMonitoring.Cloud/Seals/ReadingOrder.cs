using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>
/// A sample's readings as the sealer takes them (<see cref="SealReading"/>), already in their record's
/// ordinal order of codes: samples come with their readings in catalog order, so stations that measure
/// the same parameters need the same reordering, learnt once and reused while the parameters repeat.
/// The readings are valid until the next call: the sealer's hot path, one per sealer.
/// </summary>
internal sealed class ReadingOrder
{
    private Parameter[] _parameters = [];
    private int[] _order = [];
    private SealReading[] _sorted = new SealReading[16];

    public Span<SealReading> Of(Sample sample)
    {
        var readings = sample.Readings;
        var count = readings.Count;
        if (!SameParameters(readings))
        {
            Learn(readings);
        }

        if (_sorted.Length < count)
        {
            _sorted = new SealReading[count * 2];
        }

        for (var i = 0; i < count; i++)
        {
            _sorted[i] = SealItems.Of(readings[_order[i]]);
        }

        return _sorted.AsSpan(0, count);
    }

    private bool SameParameters(IReadOnlyList<Reading> readings)
    {
        if (readings.Count != _parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < _parameters.Length; i++)
        {
            if (!ReferenceEquals(readings[i].Parameter, _parameters[i]))
            {
                return false;
            }
        }

        return true;
    }

    private void Learn(IReadOnlyList<Reading> readings)
    {
        _parameters = [.. readings.Select(r => r.Parameter)];
        _order = [.. Enumerable.Range(0, readings.Count).OrderBy(i => readings[i].Parameter.Code, StringComparer.Ordinal)];
    }
}
