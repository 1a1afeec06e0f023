using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using EnvMonitoring.Protocol.Records;

namespace EnvMonitoring.Cloud.Relay;

/// <summary>
/// What was staged for each station and interval within the correction window, as a 64-bit hash of
/// the body (<c>digests.log</c>, <see cref="SequencedRecords"/>: the sequence slot holds the
/// interval's Unix seconds). A late reading is a correction only when the interval's body, read
/// again, hashes differently: a repeat of a stored reading changes nothing. Old entries are dropped
/// when the log is opened.
/// </summary>
internal sealed class RelayDigests : IDisposable
{
    private const byte Kind = 1;
    private const string FileName = "digests.log";

    private readonly Dictionary<(string Station, long Interval), ulong> _digests = [];
    private readonly FileStream _file;

    private RelayDigests(FileStream file) => _file = file;

    public static RelayDigests Open(string directory, DateTimeOffset keepFrom)
    {
        var path = Path.Combine(directory, FileName);
        var kept = new List<(string, long, ulong)>();
        var dropped = false;
        if (File.Exists(path))
        {
            using var old = File.OpenRead(path);
            var intact = SequencedRecords.ReadAll(old, (kind, length) => kind == Kind && length > SequencedRecords.SeqBytes + 8, (_, seq, body) =>
            {
                if (seq >= keepFrom.ToUnixTimeSeconds())
                {
                    kept.Add((Encoding.UTF8.GetString(body.AsSpan(8)), seq, BinaryPrimitives.ReadUInt64LittleEndian(body)));
                }
                else
                {
                    dropped = true;
                }
            });
            dropped |= intact != old.Length;
        }

        if (dropped)
        {
            // Rewrite without the old (or torn) records: a temporary file, flushed, renamed, the folder flushed.
            var temp = path + ".tmp";
            using (var rewrite = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                foreach (var (station, interval, digest) in kept)
                {
                    Append(rewrite, station, interval, digest);
                }

                rewrite.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            DirectorySync.Flush(directory);
        }

        var file = new FileStream(path, FileMode.Append, FileAccess.Write);
        var digests = new RelayDigests(file);
        foreach (var (station, interval, digest) in kept)
        {
            digests._digests[(station, interval)] = digest;
        }

        return digests;
    }

    public static ulong Of(byte[] content) => XxHash64.HashToUInt64(content);

    /// <summary>The hash of what was staged for the station and interval, or null when nothing was (or it is older than the window).</summary>
    public ulong? Get(string station, DateTimeOffset interval) =>
        _digests.TryGetValue((station, interval.ToUnixTimeSeconds()), out var digest) ? digest : null;

    /// <summary>Remembers what was staged; written through to the disk before the cursor moves past it.</summary>
    public void Put(string station, DateTimeOffset interval, ulong digest)
    {
        var key = (station, interval.ToUnixTimeSeconds());
        if (_digests.TryGetValue(key, out var known) && known == digest)
        {
            return;
        }

        _digests[key] = digest;
        Append(_file, station, key.Item2, digest);
    }

    /// <summary>Forgets (in memory) what is older than <paramref name="keepFrom"/>; the file drops it at the next open.</summary>
    public void Trim(DateTimeOffset keepFrom)
    {
        var oldest = keepFrom.ToUnixTimeSeconds();
        foreach (var key in _digests.Keys.Where(k => k.Interval < oldest).ToList())
        {
            _digests.Remove(key);
        }
    }

    /// <summary>Flushes what <see cref="Put"/> appended to the disk.</summary>
    public void Flush() => _file.Flush(flushToDisk: true);

    public void Dispose() => _file.Dispose();

    private static void Append(Stream file, string station, long interval, ulong digest)
    {
        var body = new byte[8 + Encoding.UTF8.GetByteCount(station)];
        BinaryPrimitives.WriteUInt64LittleEndian(body, digest);
        Encoding.UTF8.GetBytes(station, body.AsSpan(8));
        SequencedRecords.Write(file, Kind, interval, body);
    }
}
