using System.IO.Hashing;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// Reads what fingerprints are made of from a canonical record (<see cref="SealEncoder"/>): a sample's
/// readings one by one (parameter code and fingerprint: the top byte of the XXH3-64 of the reading's
/// code, value and status bytes), an event's 4-byte fingerprint (the top four bytes of its record's).
/// </summary>
internal static class SealRecord
{
    /// <summary>The readings of a sample's record, in the record's (ordinal) order.</summary>
    public static Readings ReadingsOf(ReadOnlySpan<byte> sample) => new(sample);

    /// <summary>How many readings a sample's record holds.</summary>
    public static int CountOf(ReadOnlySpan<byte> sample) => sample[2 + sample[1] + 8];

    /// <summary>A reading's fingerprint, from its bytes in a sample's record (code length, code, value, status).</summary>
    public static byte ReadingFingerprint(ReadOnlySpan<byte> reading) => (byte)(XxHash3.HashToUInt64(reading) >> 56);

    /// <summary>An event's fingerprint, as a big-endian 32-bit value.</summary>
    public static uint EventFingerprint(ReadOnlySpan<byte> record) => (uint)(XxHash3.HashToUInt64(record) >> 32);

    /// <summary>The readings of a sample record: <see cref="Count"/>, then <see cref="MoveNext"/> until false.</summary>
    public ref struct Readings
    {
        private readonly ReadOnlySpan<byte> _record;
        private int _next;
        private int _left;
        private int _start;

        public Readings(ReadOnlySpan<byte> record)
        {
            _record = record;
            Count = CountOf(record);
            _next = 2 + record[1] + 8 + 1;
            _left = Count;
        }

        public int Count { get; }

        /// <summary>The current reading's parameter code (ASCII).</summary>
        public ReadOnlySpan<byte> Code { get; private set; }

        /// <summary>The current reading's fingerprint.</summary>
        public readonly byte Fingerprint => ReadingFingerprint(_record[_start.._next]);

        /// <summary>Where the current reading's bytes start in the record.</summary>
        public readonly int Start => _start;

        public bool MoveNext()
        {
            if (_left == 0)
            {
                return false;
            }

            _left--;
            _start = _next;
            Code = _record.Slice(_start + 1, _record[_start]);
            _next += 1 + _record[_start] + 8 + 1;
            return true;
        }
    }
}
