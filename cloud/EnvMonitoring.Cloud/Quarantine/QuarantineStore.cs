using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Protocol.Codec;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Quarantine;

/// <summary>
/// Refused input kept durably: JSON lines appended to <c>quarantine.jsonl</c>, rotated to
/// <c>quarantine.1.jsonl</c> when it reaches half the disk cap, so the newest entries always survive.
/// <see cref="Sync"/> makes everything added so far durable; ingestion calls it before it
/// acknowledges the messages whose rejections were added. The latest entries are also kept in
/// memory for <c>GET /api/quarantine</c>, and reloaded from disk at start-up.
/// </summary>
public sealed class QuarantineStore : IDisposable
{
    /// <summary>The reason recorded when InfluxDB itself refuses lines.</summary>
    public const string RefusedByStorage = "RefusedByStorage";

    public const int RecentCapacity = 10_000;

    private const string CurrentFile = "quarantine.jsonl";
    private const string PreviousFile = "quarantine.1.jsonl";

    private readonly Lock _gate = new();
    private readonly QuarantineOptions _options;
    private readonly TimeProvider _time;
    private readonly string _directory;
    private readonly ConcurrentQueue<QuarantineEntry> _recent = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private FileStream _file;
    private bool _dirty;

    public QuarantineStore(IOptions<QuarantineOptions> options, IHostEnvironment environment, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _options = options.Value;
        _time = time;
        _directory = Path.GetFullPath(_options.Directory, environment.ContentRootPath);
        System.IO.Directory.CreateDirectory(_directory);
        foreach (var entry in ReadBack())
        {
            Remember(entry);
        }

        _file = OpenCurrent();
    }

    public string Directory => _directory;

    /// <summary>Entries refused since start, per reason.</summary>
    public IReadOnlyDictionary<string, long> CountsByReason => _counts;

    /// <summary>Raised for every entry added (metrics).</summary>
    public event Action<string>? Added;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<QuarantineEntry> Latest(int limit) => _recent.Reverse().Take(limit).ToList();

    /// <summary>Adds a message's rejections; <paramref name="payloadBytes"/> is the size of the whole payload when <paramref name="payload"/> is only its start.</summary>
    public void Add(string topic, IReadOnlyList<Rejection> rejections, ReadOnlySpan<byte> payload, int? payloadBytes = null)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        string? excerpt = null;
        if (rejections.Count > 0)
        {
            // The payload is kept once per message, on its first rejection.
            excerpt = Encoding.UTF8.GetString(payload[..Math.Min(payload.Length, _options.PayloadExcerptBytes)]);
        }

        for (var i = 0; i < rejections.Count; i++)
        {
            var rejection = rejections[i];
            Add(new QuarantineEntry(_time.GetUtcNow(), topic, rejection.Reason.ToString(), rejection.Path, rejection.Detail,
                i == 0 ? excerpt : null, i == 0 ? payloadBytes ?? payload.Length : null));
        }
    }

    public void Add(string topic, string reason, string path, string detail, string? payload = null) =>
        Add(new QuarantineEntry(_time.GetUtcNow(), topic, reason, path, detail, payload, payload is null ? null : Encoding.UTF8.GetByteCount(payload)));

    /// <summary>Forces every entry added so far to disk.</summary>
    public void Sync()
    {
        lock (_gate)
        {
            if (_dirty)
            {
                _file.Flush(flushToDisk: true);
                _dirty = false;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Flush(flushToDisk: true);
            _file.Dispose();
        }
    }

    private void Add(QuarantineEntry entry)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, QuarantineJsonContext.Default.QuarantineEntry);
        lock (_gate)
        {
            if (_file.Length + line.Length + 1 > _options.MaxBytes / 2)
            {
                Rotate();
            }

            _file.Write(line);
            _file.WriteByte((byte)'\n');
            _dirty = true;
        }

        Remember(entry);
        _counts.AddOrUpdate(entry.Reason, 1, static (_, count) => count + 1);
        Added?.Invoke(entry.Reason);
    }

    private void Remember(QuarantineEntry entry)
    {
        _recent.Enqueue(entry);
        while (_recent.Count > RecentCapacity && _recent.TryDequeue(out _))
        {
            // The memory list is a window; the files keep the rest.
        }
    }

    private void Rotate()
    {
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        File.Move(Path.Combine(_directory, CurrentFile), Path.Combine(_directory, PreviousFile), overwrite: true);
        _file = OpenCurrent();
    }

    private FileStream OpenCurrent() =>
        new(Path.Combine(_directory, CurrentFile), FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024);

    private IEnumerable<QuarantineEntry> ReadBack()
    {
        var entries = new List<QuarantineEntry>();
        foreach (var name in new[] { PreviousFile, CurrentFile })
        {
            var path = Path.Combine(_directory, name);
            if (!File.Exists(path))
            {
                continue;
            }

            foreach (var line in File.ReadLines(path))
            {
                try
                {
                    if (JsonSerializer.Deserialize(line, QuarantineJsonContext.Default.QuarantineEntry) is { } entry)
                    {
                        entries.Add(entry);
                    }
                }
                catch (JsonException)
                {
                    // A line cut short by a crash before its Sync: its message was never acknowledged,
                    // so the broker redelivers it and it is quarantined again.
                }
            }
        }

        return entries.TakeLast(RecentCapacity);
    }
}
