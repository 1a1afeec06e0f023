using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// A seal's entry list (docs/evidence.md, "The seal"): what each version covers, base64 of bytes
/// (big-endian). Format 3 (written): a format byte (3); the parameter table, a count (1 byte) then
/// each code (1-byte length, ASCII); the first item's time (int64 ms); then per item in chain order a
/// kind byte, its time as the milliseconds since the item before (unsigned LEB128 varint; the first
/// item's is 0), and: for <c>'P'</c>, a sample with its parameter list, a reading count (1 byte), each
/// reading's parameter index, then a fingerprint per reading (1 byte each); for <c>'S'</c>, a sample
/// with the same parameters as the sample before it, only the fingerprints; for <c>'E'</c>, an event,
/// its sequence (int64) and its 4-byte fingerprint; for <c>'R'</c>, a run of samples (with readings) that each have
/// the parameters of the sample before and come the same step after the item before: their count
/// (varint, 2 or more) in place of a time, the step (varint), then each one's fingerprints. Format 2
/// (read only): the same without runs. Format 1 (read only, the first seals): after the table, per
/// item <c>'S'</c>, time (int64), count, then index and fingerprint per reading; or <c>'E'</c>, time,
/// sequence, fingerprint.
/// </summary>
public static class SealEntries
{
    private const byte Format = 3;
    private const byte WithoutRuns = 2;
    private const byte FirstFormat = 1;

    public static string Pack(IReadOnlyList<SealItem> items) => Pack(SealBatch.Of(items));

    /// <summary>The entries of <paramref name="batch"/>'s items, in its order (chain order when sealed).</summary>
    public static string Pack(SealBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var table = new List<byte[]>();
        using var items = new Writer(batch.Count * 12);
        using var run = new Run(batch.Count * 8);
        Span<byte> indices = stackalloc byte[byte.MaxValue];
        Span<byte> previous = stackalloc byte[byte.MaxValue];
        var previousCount = -1;
        Span<byte> knownIndices = stackalloc byte[byte.MaxValue];
        SealSampleLayout? known = null;
        var time = batch.Count > 0 ? batch.TimeAt(0) : 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var record = batch.RecordAt(i);
            var delta = batch.TimeAt(i) - time;
            time = batch.TimeAt(i);
            if (batch.KindAt(i) == SealItemKind.Event)
            {
                run.WriteTo(items);
                items.Byte((byte)'E');
                items.Varint(checked((ulong)delta));
                items.Int64(batch.SeqAt(i));
                items.UInt32(SealRecord.EventFingerprint(record));
                continue;
            }

            var layout = batch.LayoutAt(i);
            var count = layout?.Count ?? SealRecord.CountOf(record);
            if (layout is null)
            {
                var readings = SealRecord.ReadingsOf(record);
                for (var r = 0; readings.MoveNext(); r++)
                {
                    // A station's samples mostly repeat the parameters of the one before: check that one first.
                    indices[r] = r < previousCount && readings.Code.SequenceEqual(table[previous[r]]) ? previous[r] : IndexOf(table, readings.Code);
                }
            }
            else
            {
                // A sample written from a layout: its codes' places in the table are the last such sample's if it had the same layout.
                if (!ReferenceEquals(layout, known))
                {
                    for (var r = 0; r < count; r++)
                    {
                        knownIndices[r] = IndexOf(table, layout.CodeAt(r));
                    }

                    known = layout;
                }

                knownIndices[..count].CopyTo(indices);
            }

            var same = count == previousCount && indices[..count].SequenceEqual(previous[..count]);
            if (same && count > 0)
            {
                // The parameters of the sample before: one of a run if it comes at the run's step (a run of one is an 'S').
                if (run.Count == 0 || delta != run.Step)
                {
                    run.WriteTo(items);
                    run.Start(delta);
                }

                run.Add(record, layout, count);
                continue;
            }

            run.WriteTo(items);
            items.Byte(same ? (byte)'S' : (byte)'P');
            items.Varint(checked((ulong)delta));
            if (!same)
            {
                items.Byte((byte)count);
                items.Bytes(indices[..count]);
                indices[..count].CopyTo(previous);
                previousCount = count;
            }

            Fingerprints(items, record, layout, count);
        }

        run.WriteTo(items);
        using var packed = new Writer(2 + table.Sum(c => 1 + c.Length) + 8 + items.Written.Length);
        packed.Byte(Format);
        packed.Byte((byte)table.Count);
        foreach (var code in table)
        {
            packed.Byte((byte)code.Length);
            packed.Bytes(code);
        }

        packed.Int64(batch.Count > 0 ? batch.TimeAt(0) : 0);
        packed.Bytes(items.Written);
        return Convert.ToBase64String(packed.Written);
    }

    /// <summary>The entries of a seal, in its order.</summary>
    public static List<SealEntry> Unpack(string packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        var bytes = Convert.FromBase64String(packed);
        try
        {
            if (bytes[0] is not (Format or WithoutRuns or FirstFormat))
            {
                throw new InvalidDataException($"Seal entries of an unknown format {bytes[0]}.");
            }

            var table = new string[bytes[1]];
            var n = 2;
            for (var i = 0; i < table.Length; i++)
            {
                table[i] = Encoding.ASCII.GetString(bytes, n + 1, bytes[n]);
                n += 1 + bytes[n];
            }

            return bytes[0] == FirstFormat ? UnpackFirst(bytes, n, table) : Unpack(bytes, n, table, runs: bytes[0] == Format);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("Seal entries end in the middle of an entry.", e);
        }
    }

    /// <summary>Formats 2 and 3 (<paramref name="runs"/>: with <c>'R'</c> entries).</summary>
    private static List<SealEntry> Unpack(byte[] bytes, int n, string[] table, bool runs)
    {
        var entries = new List<SealEntry>();
        var time = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(n));
        n += 8;
        byte[] parameters = [];
        var sampled = false;
        while (n < bytes.Length)
        {
            var kind = bytes[n++];
            var repeats = kind == (byte)'R' && runs ? Varint(bytes, ref n) : 1;
            var step = (long)Varint(bytes, ref n);
            if (kind == (byte)'E')
            {
                entries.Add(EventAt(bytes, ref n, time = checked(time + step)));
                continue;
            }

            if (kind == (byte)'P')
            {
                parameters = bytes.AsSpan(n + 1, bytes[n]).ToArray();
                n += 1 + parameters.Length;
                sampled = true;
            }
            else if (kind != (byte)'S' && !(kind == (byte)'R' && runs))
            {
                throw new InvalidDataException($"An unknown seal entry kind {kind}.");
            }
            else if (!sampled)
            {
                throw new InvalidDataException("A seal entry repeats the parameters of no sample before it.");
            }

            // Each of a run's samples takes a byte a reading (a run is never written of samples without
            // readings): a count beyond what is left is damage, not a loop to run.
            if (kind == (byte)'R' && (parameters.Length == 0 || repeats > (ulong)(bytes.Length - n) / (ulong)parameters.Length))
            {
                throw new InvalidDataException("Seal entries end in the middle of an entry.");
            }

            for (ulong r = 0; r < repeats; r++)
            {
                time = checked(time + step);
                var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var index in parameters)
                {
                    if (!fingerprints.TryAdd(table[index], Convert.ToHexStringLower(bytes, n++, 1)))
                    {
                        throw new InvalidDataException($"A seal entry at {time} names {table[index]} twice.");
                    }
                }

                entries.Add(new SealEntry(SealItemKind.Sample, time, 0, fingerprints));
            }
        }

        return entries;
    }

    private static List<SealEntry> UnpackFirst(byte[] bytes, int n, string[] table)
    {
        var entries = new List<SealEntry>();
        while (n < bytes.Length)
        {
            var kind = bytes[n++];
            var time = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(n));
            n += 8;
            if (kind == (byte)'E')
            {
                entries.Add(EventAt(bytes, ref n, time));
                continue;
            }

            var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);

            if (kind != (byte)'S')
            {
                throw new InvalidDataException($"An unknown seal entry kind {kind}.");
            }

            var count = bytes[n++];
            for (var i = 0; i < count; i++, n += 2)
            {
                if (!fingerprints.TryAdd(table[bytes[n]], Convert.ToHexStringLower(bytes, n + 1, 1)))
                {
                    throw new InvalidDataException($"A seal entry at {time} names {table[bytes[n]]} twice.");
                }
            }

            entries.Add(new SealEntry(SealItemKind.Sample, time, 0, fingerprints));
        }

        return entries;
    }

    /// <summary>An event's entry after its kind and time: its sequence (int64) and 4-byte fingerprint.</summary>
    private static SealEntry EventAt(byte[] bytes, ref int n, long time)
    {
        var seq = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(n));
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal) { [SealEntry.EventFingerprint] = Convert.ToHexStringLower(bytes, n + 8, 4) };
        n += 12;
        return new SealEntry(SealItemKind.Event, time, seq, fingerprints);
    }

    /// <summary>A sample's reading fingerprints, in its record's order: from its layout when it has one, else read from the record.</summary>
    private static void Fingerprints(Writer writer, ReadOnlySpan<byte> record, SealSampleLayout? layout, int count)
    {
        if (layout is null)
        {
            var readings = SealRecord.ReadingsOf(record);
            while (readings.MoveNext())
            {
                writer.Byte(readings.Fingerprint);
            }

            return;
        }

        for (var r = 0; r < count; r++)
        {
            writer.Byte(layout.FingerprintAt(record, r));
        }
    }

    private static byte IndexOf(List<byte[]> table, ReadOnlySpan<byte> code)
    {
        for (var i = 0; i < table.Count; i++)
        {
            if (code.SequenceEqual(table[i]))
            {
                return (byte)i;
            }
        }

        table.Add(code.ToArray());
        return checked((byte)(table.Count - 1));
    }

    private static ulong Varint(byte[] bytes, ref int n)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = bytes[n++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A seal entry's time is not a varint.");
    }

    /// <summary>
    /// Samples that repeat the parameters of the sample before, each the same step after the item
    /// before it, held until the run ends: two or more are written as an <c>'R'</c>, one as an <c>'S'</c>.
    /// </summary>
    private sealed class Run(int capacity) : IDisposable
    {
        private readonly Writer _fingerprints = new(capacity);

        public int Count { get; private set; }

        public long Step { get; private set; }

        public void Start(long step)
        {
            Step = step;
            Count = 0;
        }

        public void Add(ReadOnlySpan<byte> record, SealSampleLayout? layout, int count)
        {
            Fingerprints(_fingerprints, record, layout, count);
            Count++;
        }

        /// <summary>Writes the run (if any) and empties it.</summary>
        public void WriteTo(Writer items)
        {
            if (Count == 0)
            {
                return;
            }

            items.Byte(Count == 1 ? (byte)'S' : (byte)'R');
            if (Count > 1)
            {
                items.Varint((ulong)Count);
            }

            items.Varint(checked((ulong)Step));
            items.Bytes(_fingerprints.Written);
            _fingerprints.Clear();
            Count = 0;
        }

        public void Dispose() => _fingerprints.Dispose();
    }

    /// <summary>Bytes written into an array from the shared pool, given back on dispose: a seal's entries (~10 KB) leave no garbage but their base64.</summary>
    private sealed class Writer(int capacity) : IDisposable
    {
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 16));
        private int _used;

        public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _used);

        public void Byte(byte value) => Take(1)[0] = value;

        public void Bytes(ReadOnlySpan<byte> values) => values.CopyTo(Take(values.Length));

        public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), value);

        public void UInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Take(4), value);

        public void Varint(ulong value)
        {
            while (value >= 0x80)
            {
                Byte((byte)(value | 0x80));
                value >>= 7;
            }

            Byte((byte)value);
        }

        public void Clear() => _used = 0;

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }

        private Span<byte> Take(int size)
        {
            if (_used + size > _bytes.Length)
            {
                var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _used + size));
                Written.CopyTo(grown);
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = grown;
            }

            _used += size;
            return _bytes.AsSpan(_used - size, size);
        }
    }
}

/// <summary>One entry: a sample with each reading's fingerprint (hex) by parameter, or an event with its fingerprint.</summary>
public sealed record SealEntry(SealItemKind Kind, long Time, long Seq, IReadOnlyDictionary<string, string> Fingerprints)
{
    /// <summary>The key under which an event's fingerprint is kept in <see cref="Fingerprints"/>.</summary>
    public const string EventFingerprint = "";

    public SealKey Key => new(Kind, Kind == SealItemKind.Sample ? Time : Seq);

    /// <summary>An item as its entry would read.</summary>
    public static SealEntry Of(SealItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item.Kind == SealItemKind.Event)
        {
            fingerprints[EventFingerprint] = Convert.ToHexStringLower(item.Fingerprints);
        }
        else
        {
            for (var i = 0; i < item.Parameters.Count; i++)
            {
                fingerprints[item.Parameters[i]] = Convert.ToHexStringLower(item.Fingerprints, i, 1);
            }
        }

        return new SealEntry(item.Kind, item.Time, item.Seq, fingerprints);
    }
}
