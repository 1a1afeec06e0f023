using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Records;
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
/// File format: <see cref="SequencedRecords"/>, kinds in <see cref="OutboxRecordKind"/>. On open the file is scanned; a torn or
/// corrupt tail (power lost mid-write) is cut off. Thread-safe: the sampler appends while the
/// publisher peeks and removes.
/// </remarks>
internal sealed class SampleOutbox : IDisposable
{
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
            SequencedRecords.Write(_file, (byte)OutboxRecordKind.Sample, _nextSeq, json);
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
            SequencedRecords.Write(_file, (byte)(delivered ? OutboxRecordKind.Acknowledged : OutboxRecordKind.Dropped), seq);
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

    /// <summary>A header this file may hold: a known kind; only a sample carries more than its seq.</summary>
    private static bool Expected(byte kind, uint length) =>
        Enum.IsDefined((OutboxRecordKind)kind) && length <= MaxRecordBytes && ((OutboxRecordKind)kind == OutboxRecordKind.Sample || length == SequencedRecords.SeqBytes);

    private void Recover()
    {
        var samples = new List<OutboxEntry>();
        long settledThrough = -1;
        long next = 0;
        var intact = SequencedRecords.ReadAll(_file, Expected, (kind, seq, body) =>
        {
            switch ((OutboxRecordKind)kind)
            {
                case OutboxRecordKind.Sample:
                    samples.Add(new OutboxEntry(seq, body));
                    next = Math.Max(next, seq + 1);
                    break;
                case OutboxRecordKind.Base:
                    next = Math.Max(next, seq);
                    break;
                default:
                    settledThrough = Math.Max(settledThrough, seq);
                    break;
            }
        });

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
            SequencedRecords.Write(_file, (byte)OutboxRecordKind.Dropped, oldest.Seq);
            NodeLog.OutboxFull(_logger, Station, oldest.Seq, _maxBytes);
        }
    }

    /// <summary>Rewrites the file as its next seq and the samples still waiting; the rename makes the swap atomic.</summary>
    private void Compact()
    {
        var temporary = Path + ".tmp";
        using (var fresh = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 65536))
        {
            SequencedRecords.Write(fresh, (byte)OutboxRecordKind.Base, _nextSeq);
            foreach (var entry in _pending)
            {
                SequencedRecords.Write(fresh, (byte)OutboxRecordKind.Sample, entry.Seq, entry.Payload.Span);
            }

            fresh.Flush(flushToDisk: true);
        }

        _file.Dispose();
        File.Move(temporary, Path, overwrite: true);
        // The new name survives a power cut only once the folder is on the disk too.
        DirectorySync.Flush(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        _file = OpenFile(Path, Station);
        _file.Seek(0, SeekOrigin.End);
    }
}
