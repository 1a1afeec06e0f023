using System.Buffers.Binary;
using System.IO.Hashing;

namespace EnvMonitoring.Protocol.Records;

/// <summary>
/// The framing of the append-only files that must survive a power cut (the node's sample outbox, the
/// cloud's notification outbox): <c>[kind:1][length:4 LE][CRC-32 of kind and payload:4 LE][payload]</c>,
/// each payload starting with its 8-byte sequence number (little-endian). A record is written in one
/// call, so only a crash tears one; a reader stops at the first torn, unexpected or corrupt record.
/// </summary>
public static class SequencedRecords
{
    /// <summary>Kind, length and checksum before each payload.</summary>
    public const int HeaderBytes = 9;

    /// <summary>The sequence number that starts each payload.</summary>
    public const int SeqBytes = 8;

    /// <summary>Appends a record of <paramref name="seq"/> followed by <paramref name="body"/> (empty for a bare number).</summary>
    public static void Write(Stream file, byte kind, long seq, ReadOnlySpan<byte> body = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var record = new byte[HeaderBytes + SeqBytes + body.Length];
        var payload = record.AsSpan(HeaderBytes);
        BinaryPrimitives.WriteInt64LittleEndian(payload, seq);
        body.CopyTo(payload[SeqBytes..]);
        record[0] = kind;
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(1), (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(5), Checksum(kind, payload));
        file.Write(record);
    }

    /// <summary>
    /// Reads the records from the start of <paramref name="file"/>, handing each intact one to
    /// <paramref name="record"/> (kind, sequence number, body). Stops at the end, at a torn or corrupt
    /// record, or at a header <paramref name="expected"/> refuses (kind and payload length).
    /// </summary>
    /// <returns>The offset just after the last intact record: what follows it is a torn tail.</returns>
    public static long ReadAll(Stream file, Func<byte, uint, bool> expected, Action<byte, long, byte[]> record)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(record);
        long intact = 0;
        var header = new byte[HeaderBytes];
        file.Position = 0;
        while (file.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) == HeaderBytes)
        {
            var kind = header[0];
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(1));
            if (length < SeqBytes || !expected(kind, length))
            {
                break;
            }

            var payload = new byte[length];
            if (file.ReadAtLeast(payload, payload.Length, throwOnEndOfStream: false) != payload.Length
                || Checksum(kind, payload) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(5)))
            {
                break;
            }

            intact = file.Position;
            record(kind, BinaryPrimitives.ReadInt64LittleEndian(payload), payload[SeqBytes..]);
        }

        return intact;
    }

    private static uint Checksum(byte kind, ReadOnlySpan<byte> payload)
    {
        var crc = new Crc32();
        crc.Append([kind]);
        crc.Append(payload);
        return crc.GetCurrentHashAsUInt32();
    }
}
