using System.Buffers.Binary;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// A station's sample records for one list of parameters, laid out once: the bytes
/// <see cref="SealEncoder.WriteSample"/> writes (station, codes in ordinal order) with the time, the
/// values and the statuses left to fill in, and where each reading lies. A station sends the same
/// parameters sample after sample, so the sealer writes each record by copying the layout and filling
/// in 8 + 9 bytes a reading, and packs its entries (<see cref="SealEntries.Pack(SealBatch)"/>) without
/// reading the record back: the same bytes as the encoder's, not a second format.
/// </summary>
public sealed class SealSampleLayout
{
    private readonly byte[] _template;
    private readonly int _time;

    /// <summary>Per reading in record order: which of the given codes it is, where its bytes start, where its value is.</summary>
    private readonly int[] _source;
    private readonly int[] _start;
    private readonly int[] _value;

    /// <summary>The layout of <paramref name="station"/>'s samples with readings of <paramref name="codes"/>, in that order.</summary>
    public SealSampleLayout(string station, IReadOnlyList<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var readings = new SealReading[codes.Count];
        for (var i = 0; i < readings.Length; i++)
        {
            // The status carries the reading's index through the encoder's sort: a byte, as a sample's count is.
            readings[i] = new SealReading(codes[i], 0, i);
        }

        _template = new byte[SealEncoder.SampleSize(station, readings)];
        SealEncoder.WriteSample(_template, station, 0, readings);
        _time = 2 + _template[1];
        (_source, _start, _value) = (new int[readings.Length], new int[readings.Length], new int[readings.Length]);
        var record = SealRecord.ReadingsOf(_template);
        for (var r = 0; record.MoveNext(); r++)
        {
            _start[r] = record.Start;
            _value[r] = record.Start + 1 + record.Code.Length;
            _source[r] = _template[_value[r] + 8];
        }
    }

    /// <summary>How many readings a sample has.</summary>
    public int Count => _source.Length;

    /// <summary>A record's size in bytes.</summary>
    public int Size => _template.Length;

    /// <summary>
    /// Writes a sample's record into <paramref name="destination"/> (<see cref="Size"/> bytes): its time, and the
    /// values and statuses (0 measuring, 1 calibrating, 2 fault) in the order of the layout's codes.
    /// </summary>
    public void Write(Span<byte> destination, long milliseconds, ReadOnlySpan<double> values, ReadOnlySpan<int> statuses)
    {
        if (values.Length != Count || statuses.Length != Count)
        {
            throw new ArgumentException($"A sample of this layout has {Count} readings, not {values.Length} values and {statuses.Length} statuses.");
        }

        _template.CopyTo(destination);
        BinaryPrimitives.WriteInt64BigEndian(destination[_time..], milliseconds);
        for (var r = 0; r < _source.Length; r++)
        {
            BinaryPrimitives.WriteInt64BigEndian(destination[_value[r]..], BitConverter.DoubleToInt64Bits(values[_source[r]]));
            destination[_value[r] + 8] = checked((byte)statuses[_source[r]]);
        }
    }

    /// <summary>The code of the record's <paramref name="reading"/>-th reading (ASCII).</summary>
    internal ReadOnlySpan<byte> CodeAt(int reading) => _template.AsSpan(_start[reading] + 1, _template[_start[reading]]);

    /// <summary>The fingerprint of the <paramref name="reading"/>-th reading of a record of this layout.</summary>
    internal byte FingerprintAt(ReadOnlySpan<byte> record, int reading) =>
        SealRecord.ReadingFingerprint(record.Slice(_start[reading], _value[reading] + 9 - _start[reading]));
}
