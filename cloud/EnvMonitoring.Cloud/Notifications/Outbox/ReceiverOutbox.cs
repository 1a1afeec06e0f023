using System.Text.Json;
using EnvMonitoring.Protocol.Records;

namespace EnvMonitoring.Cloud.Notifications.Outbox;

/// <summary>
/// One receiver's deliveries from the moment they are notified until they are settled (delivered,
/// refused or given up), in an append-only file that survives a restart and a crash. A delivery is
/// appended and flushed to the disk (fsync) before it counts as queued; settling one appends a small
/// record that is not forced to the disk (losing it to a crash only sends the delivery again, with
/// the same delivery id: at least once). At open the file is read back in order and a torn tail —
/// a record the process died writing, so never reported as queued — is cut off. When the file has
/// grown well past what still waits it is rewritten with only that, and the rename and the folder are
/// flushed, so a crash leaves one whole file or the other. Bounded: with <see cref="Capacity"/>
/// deliveries waiting, a new one is refused and the waiting ones are kept. Thread-safe.
/// </summary>
/// <remarks>
/// Records: <see cref="SequencedRecords"/>, kinds in <see cref="OutboxRecordKind"/> — the framing of the
/// sensor node's outbox, with settling by sequence number instead of by prefix,
/// since a receiver's lanes finish deliveries out of order. The file is opened exclusively: a
/// second host on the same folder fails to start instead of sending everything twice.
/// </remarks>
internal sealed class ReceiverOutbox : IDisposable
{
    private const int HeaderBytes = SequencedRecords.HeaderBytes;
    private const int SeqBytes = SequencedRecords.SeqBytes;
    private const int MaxRecordBytes = 4 * 1024 * 1024;
    private const long CompactAfterBytes = 64 * 1024;

    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, byte[]> _waiting = [];
    private readonly string _directory;
    private readonly string _receiver;
    private readonly ILogger _logger;
    private FileStream _file;
    private long _waitingBytes;
    private long _nextSeq;
    private bool _disposed;

    private ReceiverOutbox(string directory, string path, string receiver, int capacity, ILogger logger)
    {
        _directory = directory;
        Path = path;
        _receiver = receiver;
        Capacity = capacity;
        _logger = logger;
        var created = !File.Exists(path);
        _file = OpenFile(path, receiver);
        if (created)
        {
            DirectorySync.Flush(directory);
        }
    }

    public string Path { get; }

    public int Capacity { get; }

    /// <summary>Deliveries kept and not yet settled (queued or under way).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>
    /// Opens (or creates) the outbox of <paramref name="receiver"/> in <paramref name="directory"/>
    /// (<paramref name="fileName"/>) and returns it with the deliveries it still holds, oldest first.
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened (e.g. another host uses it) or holds a record that is not a delivery.</exception>
    public static (ReceiverOutbox Outbox, IReadOnlyList<OutboxEntry> Waiting) Open(string directory, string fileName, string receiver, int capacity, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var path = System.IO.Path.Combine(directory, fileName);
        var outbox = new ReceiverOutbox(directory, path, receiver, capacity, logger);
        try
        {
            File.Delete(path + ".tmp");
            var waiting = outbox.Recover();
            return (outbox, waiting);
        }
        catch
        {
            outbox.Dispose();
            throw;
        }
    }

    /// <summary>Keeps <paramref name="delivery"/> on disk; false, keeping nothing, when <see cref="Capacity"/> deliveries already wait.</summary>
    /// <exception cref="IOException">The disk refused the write (the file is left as it was).</exception>
    public bool TryAppend(Delivery delivery, out OutboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var json = StoredDelivery.Serialize(delivery);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_waiting.Count >= Capacity)
            {
                entry = default;
                return false;
            }

            var seq = _nextSeq;
            Write(OutboxRecordKind.Delivery, seq, json, durable: true);
            // Kept once on the disk: only now is it queued.
            _nextSeq++;
            _waiting.Add(seq, json);
            _waitingBytes += json.Length;
            if (_file.Length > CompactAfterBytes + (2 * _waitingBytes))
            {
                Compact();
            }

            entry = new OutboxEntry(seq, delivery);
            return true;
        }
    }

    /// <summary>The delivery is delivered, refused or given up: it leaves the outbox. Nothing after <see cref="Dispose"/> (it is then sent again at the next start).</summary>
    public void Settle(long sequence)
    {
        lock (_gate)
        {
            if (_disposed || !_waiting.Remove(sequence, out var json))
            {
                return;
            }

            _waitingBytes -= json.Length;
            try
            {
                // Not forced to the disk: a crash that loses it only sends the delivery again.
                Write(OutboxRecordKind.Settled, sequence, [], durable: false);
                if (_waiting.Count == 0 && _file.Length > CompactAfterBytes)
                {
                    Compact();
                }
            }
            catch (IOException e)
            {
                // The delivery went out; only its mark is missing, so it may go out again after a restart.
                NotificationLog.OutboxSettleFailed(_logger, _receiver, sequence, Path, e);
            }
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
            try
            {
                _file.Flush(flushToDisk: true);
            }
            finally
            {
                _file.Dispose();
            }
        }
    }

    private static FileStream OpenFile(string path, string receiver)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            // Exclusive (an flock on Linux): a second host on the same folder fails here instead of sending everything twice.
            return new FileStream(path, options);
        }
        catch (IOException e)
        {
            throw new IOException($"Cannot open the notification outbox of receiver '{receiver}' at {path} (is another host using it?): {e.Message}", e);
        }
    }

    /// <summary>Appends a record; on failure cuts the file back to its last whole record, so nothing after it is lost at the next open.</summary>
    private void Write(OutboxRecordKind kind, long seq, ReadOnlySpan<byte> body, bool durable)
    {
        var end = _file.Length;
        try
        {
            SequencedRecords.Write(_file, (byte)kind, seq, body);
            _file.Flush(flushToDisk: durable);
        }
        catch (IOException)
        {
            _file.SetLength(end);
            _file.Seek(0, SeekOrigin.End);
            throw;
        }
    }

    /// <summary>A header this file may hold: a known kind; only a delivery carries more than its sequence number.</summary>
    private static bool Expected(byte kind, uint length) =>
        Enum.IsDefined((OutboxRecordKind)kind) && length <= MaxRecordBytes && ((OutboxRecordKind)kind == OutboxRecordKind.Delivery || length == SeqBytes);

    private List<OutboxEntry> Recover()
    {
        long next = 0;
        var intact = SequencedRecords.ReadAll(_file, Expected, (kind, seq, body) =>
        {
            switch ((OutboxRecordKind)kind)
            {
                case OutboxRecordKind.Delivery:
                    _waiting[seq] = body;
                    next = Math.Max(next, seq + 1);
                    break;
                case OutboxRecordKind.Settled:
                    _waiting.Remove(seq);
                    next = Math.Max(next, seq + 1);
                    break;
                default:
                    next = Math.Max(next, seq);
                    break;
            }
        });

        if (intact < _file.Length)
        {
            // The process died mid-append: that record was never flushed, so never reported as queued.
            NotificationLog.OutboxTornTail(_logger, _receiver, _file.Length - intact, Path);
            _file.SetLength(intact);
        }

        _file.Seek(0, SeekOrigin.End);
        _nextSeq = next;
        var entries = new List<OutboxEntry>(_waiting.Count);
        foreach (var (seq, json) in _waiting)
        {
            _waitingBytes += json.Length;
            try
            {
                entries.Add(new OutboxEntry(seq, StoredDelivery.Deserialize(json, _receiver)));
            }
            catch (JsonException e)
            {
                // Whole (its checksum holds) but not a delivery this version reads: stop rather than drop it.
                throw new IOException(
                    $"The notification outbox of receiver '{_receiver}' at {Path} holds delivery {seq} that cannot be read ({e.Message}); "
                    + "move the file aside to start without its deliveries.", e);
            }
        }

        if (_file.Length > HeaderBytes + SeqBytes + _waitingBytes + (entries.Count * (HeaderBytes + SeqBytes)))
        {
            Compact();
        }

        return entries;
    }

    /// <summary>Rewrites the file as its next sequence number and the deliveries still waiting; the rename makes the swap atomic.</summary>
    private void Compact()
    {
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var fresh = new FileStream(temporary, options))
        {
            SequencedRecords.Write(fresh, (byte)OutboxRecordKind.Base, _nextSeq);
            foreach (var (seq, json) in _waiting)
            {
                SequencedRecords.Write(fresh, (byte)OutboxRecordKind.Delivery, seq, json);
            }

            fresh.Flush(flushToDisk: true);
        }

        _file.Dispose();
        File.Move(temporary, Path, overwrite: true);
        DirectorySync.Flush(_directory);
        _file = OpenFile(Path, _receiver);
        _file.Seek(0, SeekOrigin.End);
    }
}
