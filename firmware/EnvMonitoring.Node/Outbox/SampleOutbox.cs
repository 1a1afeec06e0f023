using System.Buffers.Binary;
using System.IO.Hashing;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Node.Outbox;

/// <summary>
/// One station's readings between the moment they are measured and the gateway's acknowledgement,
/// in an append-only file that survives a reboot. Each report is appended — and flushed to the
/// disk — before it is published, and that is where it gets its <c>seq</c>, so a seq is never
/// reused: not after a crash, not after a compaction (which starts the new file with the next seq).
/// Samples leave oldest first, when the gateway acknowledged them or refused them for good; a full
/// buffer drops its oldest sample to make room, and says so.
/// </summary>
/// <remarks>
/// File format: records of <c>kind (1 byte) | payload length (u32 LE) | CRC-32 of kind and payload
/// (u32 LE) | payload</c> (see <see cref="OutboxRecordKind"/>). On open the file is scanned; a torn or
/// corrupt tail (power lost mid-write) is cut off. Thread-safe: the sampler appends while the
/// publisher peeks and removes.
/// </remarks>
internal sealed class SampleOutbox : IDisposable
{
    private const int HeaderBytes = 9;
    private const int SeqBytes = 8;
    private const int MaxRecordBytes = 1024 * 1024;
    private const long CompactAfterBytes = 256 * 1024;

    private readonly Lock _gate = new();
    private readonly Queue<OutboxEntry> _pending = new();
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private FileStream _file;
    private long _pendingBytes;
    private long _nextSeq;
    private TaskCompletionSource _arrival = NewSignal();
    private bool _disposed;

    private SampleOutbox(string station, string path, long maxBytes, ILogger logger)
    {
        Station = station;
        Path = path;
        _maxBytes = maxBytes;
        _logger = logger;
        _file = OpenFile(path, station);
    }

    public string Station { get; }

    public string Path { get; }

    /// <summary>The seq the next reading will get.</summary>
    public long NextSeq
    {
        get
        {
            lock (_gate)
            {
                return _nextSeq;
            }
        }
    }

    /// <summary>Samples waiting for the gateway.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Opens (or creates) the station's outbox in <paramref name="directory"/> and recovers what it holds.</summary>
    /// <exception cref="IOException">The file cannot be opened, e.g. because another node process uses it.</exception>
    public static SampleOutbox Open(string directory, string station, long maxBytes, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1024);
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, station + ".outbox");
        var outbox = new SampleOutbox(station, path, maxBytes, logger);
        try
        {
            outbox.Recover();
            File.Delete(path + ".tmp");
            return outbox;
        }
        catch
        {
            outbox.Dispose();
            throw;
        }
    }

    /// <summary>Stamps the readings with the next seq and keeps them on disk; returns the sample to publish.</summary>
    public Sample Append(DateTimeOffset timestamp, IReadOnlyList<Reading> readings)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var sample = new Sample(Station, timestamp, readings, _nextSeq);
            var json = SampleCodec.EncodeSample(sample);
            MakeRoom(json.Length);
            var payload = new byte[SeqBytes + json.Length];
            BinaryPrimitives.WriteInt64LittleEndian(payload, _nextSeq);
            json.CopyTo(payload.AsSpan(SeqBytes));
            WriteRecord(_file, OutboxRecordKind.Sample, payload);
            // The reading exists once it is on the disk: only then may it be published.
            _file.Flush(flushToDisk: true);
            _pending.Enqueue(new OutboxEntry(_nextSeq, json));
            _pendingBytes += json.Length;
            _nextSeq++;
            if (_file.Length > (2 * _maxBytes) + CompactAfterBytes)
            {
                Compact();
            }

            var arrival = _arrival;
            _arrival = NewSignal();
            arrival.TrySetResult();
            return sample;
        }
    }

    /// <summary>The oldest sample not yet acknowledged.</summary>
    public bool TryPeek(out OutboxEntry entry)
    {
        lock (_gate)
        {
            return _pending.TryPeek(out entry);
        }
    }

    /// <summary>Waits until a sample is waiting, at most <paramref name="timeout"/>; true when one is.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task arrival;
        lock (_gate)
        {
            if (_pending.Count > 0)
            {
                return true;
            }

            arrival = _arrival.Task;
        }

        try
        {
            await arrival.WaitAsync(timeout, time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Removes the oldest sample, which must be <paramref name="seq"/>: delivered (the gateway has it)
    /// or given up (refused for good). False when it is no longer the oldest (a full buffer dropped it meanwhile).
    /// </summary>
    public bool Remove(long seq, bool delivered)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_pending.TryPeek(out var head) || head.Seq != seq)
            {
                return false;
            }

            _pending.Dequeue();
            _pendingBytes -= head.Payload.Length;
            WriteSeqRecord(_file, delivered ? OutboxRecordKind.Acknowledged : OutboxRecordKind.Dropped, seq);
            // Not forced to the disk: losing an acknowledgement to a power cut only sends the sample again, harmlessly.
            _file.Flush(flushToDisk: false);
            if (_pending.Count == 0 && _file.Length > CompactAfterBytes)
            {
                Compact();
            }

            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _file.Flush(flushToDisk: true);
            _file.Dispose();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static FileStream OpenFile(string path, string station)
    {
        try
        {
            // Exclusive (an flock on Linux): a second node process for the same station fails here instead of interleaving records.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096);
        }
        catch (IOException e)
        {
            throw new IOException($"Cannot open the outbox of station {station} at {path} (is another node process using it?): {e.Message}", e);
        }
    }

    private static void WriteSeqRecord(Stream file, OutboxRecordKind kind, long seq)
    {
        Span<byte> payload = stackalloc byte[SeqBytes];
        BinaryPrimitives.WriteInt64LittleEndian(payload, seq);
        WriteRecord(file, kind, payload);
    }

    private static void WriteRecord(Stream file, OutboxRecordKind kind, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        header[0] = (byte)kind;
        BinaryPrimitives.WriteUInt32LittleEndian(header[1..], (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[5..], Checksum(kind, payload));
        file.Write(header);
        file.Write(payload);
    }

    private static uint Checksum(OutboxRecordKind kind, ReadOnlySpan<byte> payload)
    {
        var crc = new Crc32();
        crc.Append([(byte)kind]);
        crc.Append(payload);
        return crc.GetCurrentHashAsUInt32();
    }

    private void Recover()
    {
        var samples = new List<OutboxEntry>();
        long settledThrough = -1;
        long next = 0;
        long intact = 0;
        var header = new byte[HeaderBytes];
        _file.Position = 0;
        while (_file.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) == HeaderBytes)
        {
            var kind = (OutboxRecordKind)header[0];
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(1));
            if (!Enum.IsDefined(kind) || length > MaxRecordBytes || (kind != OutboxRecordKind.Sample && length != SeqBytes) || length < SeqBytes)
            {
                break;
            }

            var payload = new byte[length];
            if (_file.ReadAtLeast(payload, payload.Length, throwOnEndOfStream: false) != payload.Length
                || Checksum(kind, payload) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(5)))
            {
                break;
            }

            intact = _file.Position;
            var seq = BinaryPrimitives.ReadInt64LittleEndian(payload);
            switch (kind)
            {
                case OutboxRecordKind.Sample:
                    samples.Add(new OutboxEntry(seq, payload.AsMemory(SeqBytes)));
                    next = Math.Max(next, seq + 1);
                    break;
                case OutboxRecordKind.Base:
                    next = Math.Max(next, seq);
                    break;
                default:
                    settledThrough = Math.Max(settledThrough, seq);
                    break;
            }
        }

        if (intact < _file.Length)
        {
            // Power was lost mid-append: that record was never flushed, so never published; cut it off.
            NodeLog.OutboxTornTail(_logger, Station, _file.Length - intact, Path);
            _file.SetLength(intact);
        }

        _file.Seek(0, SeekOrigin.End);
        _nextSeq = Math.Max(next, settledThrough + 1);
        foreach (var sample in samples.Where(s => s.Seq > settledThrough))
        {
            _pending.Enqueue(sample);
            _pendingBytes += sample.Payload.Length;
        }
    }

    private void MakeRoom(int bytes)
    {
        while (_pending.Count > 0 && _pendingBytes + bytes > _maxBytes)
        {
            var oldest = _pending.Dequeue();
            _pendingBytes -= oldest.Payload.Length;
            WriteSeqRecord(_file, OutboxRecordKind.Dropped, oldest.Seq);
            NodeLog.OutboxFull(_logger, Station, oldest.Seq, _maxBytes);
        }
    }

    /// <summary>Rewrites the file as its next seq and the samples still waiting; the rename makes the swap atomic.</summary>
    private void Compact()
    {
        var temporary = Path + ".tmp";
        using (var fresh = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 65536))
        {
            WriteSeqRecord(fresh, OutboxRecordKind.Base, _nextSeq);
            foreach (var entry in _pending)
            {
                var payload = new byte[SeqBytes + entry.Payload.Length];
                BinaryPrimitives.WriteInt64LittleEndian(payload, entry.Seq);
                entry.Payload.Span.CopyTo(payload.AsSpan(SeqBytes));
                WriteRecord(fresh, OutboxRecordKind.Sample, payload);
            }

            fresh.Flush(flushToDisk: true);
        }

        _file.Dispose();
        File.Move(temporary, Path, overwrite: true);
        _file = OpenFile(Path, Station);
        _file.Seek(0, SeekOrigin.End);
    }
}
