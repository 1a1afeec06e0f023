using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using FASTER.core;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Edge.Log;

/// <summary>
/// The gateway's durable store-and-forward log: each accepted sample is one record (its contract
/// JSON) in a FASTER log on local disk. Appends wait for a group commit — one flush covers every
/// sample appended meanwhile — so a node is acknowledged only once its sample survives power loss.
/// Records are removed only by <see cref="TruncateUntil"/>, which the forwarder calls when the cloud
/// has acknowledged everything before an address.
/// </summary>
public sealed class SampleLog : ISampleSink, IAsyncDisposable
{
    private readonly LogOptions _options;
    private readonly IDevice _device;
    private readonly FasterLog _log;
    private readonly Channel<bool> _commitRequests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _committer;
    private readonly ILogger<SampleLog> _logger;
    private long _commits;
    private int _disposed;
    private bool _warned;

    public SampleLog(IOptions<GatewayOptions> options, IHostEnvironment environment, ILogger<SampleLog> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _options = options.Value.Log;
        _logger = logger;
        Directory = Path.GetFullPath(_options.Directory, environment.ContentRootPath);
        System.IO.Directory.CreateDirectory(Directory);
        // Write-through file I/O: a completed commit is on the disk, not in the page cache.
        _device = Devices.CreateLogDevice(Path.Combine(Directory, "samples.log"), preallocateFile: false, deleteOnClose: false,
            recoverDevice: true, useIoCompletionPort: false, disableFileBuffering: true);
        _log = new FasterLog(new FasterLogSettings
        {
            LogDevice = _device,
            LogCommitDir = Path.Combine(Directory, "commits"),
            PageSizeBits = 22,
            MemorySizeBits = 25,
            SegmentSizeBits = 26,
            TryRecoverLatest = true,
            RemoveOutdatedCommits = true,
            LogChecksum = LogChecksumType.PerEntry,
        });
        _committer = CommitLoopAsync();
        GatewayLog.LogOpened(logger, Directory, BacklogBytes);
    }

    public string Directory { get; }

    /// <summary>Address of the oldest record not yet acknowledged by the cloud.</summary>
    public long BeginAddress => _log.BeginAddress;

    /// <summary>Address after the last durable record.</summary>
    public long CommittedUntilAddress => _log.CommittedUntilAddress;

    /// <summary>Bytes of records the cloud has not acknowledged (headers included).</summary>
    public long BacklogBytes => _log.TailAddress - _log.BeginAddress;

    /// <summary>Group commits (flushes to disk) since start.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    public async ValueTask AppendAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (BacklogBytes >= _options.MaxBytes)
        {
            throw new LogFullException(
                $"the gateway's backlog of {BacklogBytes / (1024 * 1024)} MiB reached its cap of {_options.MaxBytes / (1024 * 1024)} MiB (Gateway:Log:MaxBytes); the cloud must catch up first");
        }

        WarnNearCap();
        var buffer = new ArrayBufferWriter<byte>(512);
        using var writer = new Utf8JsonWriter(buffer);
        foreach (var sample in samples)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            SampleCodec.WriteSample(writer, sample);
            writer.Flush();
            while (!_log.TryEnqueue(buffer.WrittenSpan, out _))
            {
                // The in-memory tail is full until the flush under way completes.
                RequestCommit();
                await Task.Yield();
            }
        }

        var until = _log.TailAddress;
        RequestCommit();
        if (_options.Durable)
        {
            await _log.WaitForCommitAsync(until, token: cancellationToken);
        }
    }

    /// <summary>Reads durable records from <paramref name="fromAddress"/> on, waiting for new ones.</summary>
    public FasterLogScanIterator Read(long fromAddress) => _log.Scan(Math.Max(fromAddress, _log.BeginAddress), long.MaxValue);

    /// <summary>Forgets every record before <paramref name="address"/>: the cloud has them.</summary>
    public void TruncateUntil(long address)
    {
        if (address > _log.BeginAddress)
        {
            _log.TruncateUntil(address);
            RequestCommit();
        }
    }

    /// <summary>The measurement time of the oldest unsent sample, or null when nothing waits.</summary>
    public DateTimeOffset? OldestUnsent()
    {
        using var iterator = _log.Scan(_log.BeginAddress, _log.CommittedUntilAddress);
        if (!iterator.GetNext(out var record, out var length, out _))
        {
            return null;
        }

        return SampleCodec.Default.DecodeSample(record.AsSpan(0, length)).Sample?.Timestamp;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await _committer;
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        await _log.CommitAsync();
        _log.Dispose();
        _device.Dispose();
        _stopping.Dispose();
    }

    private void RequestCommit() => _commitRequests.Writer.TryWrite(true);

    /// <summary>One flush at a time; every append made while one runs is covered by the next.</summary>
    private async Task CommitLoopAsync()
    {
        var token = _stopping.Token;
        while (true)
        {
            if (_options.Durable)
            {
                await _commitRequests.Reader.ReadAsync(token);
            }
            else
            {
                // Not durable (measurement only): flush in the background, acknowledge at once.
                await Task.Delay(TimeSpan.FromMilliseconds(50), token);
            }

            while (_log.CommittedUntilAddress < _log.TailAddress || _log.CommittedBeginAddress < _log.BeginAddress)
            {
                await _log.CommitAsync(token);
                Interlocked.Increment(ref _commits);
            }
        }
    }

    private void WarnNearCap()
    {
        var nearCap = BacklogBytes >= _options.MaxBytes * _options.WarnFraction;
        if (nearCap && !_warned)
        {
            GatewayLog.BacklogNearCap(_logger, BacklogBytes / (1024 * 1024), _options.MaxBytes / (1024 * 1024));
        }

        _warned = nearCap;
    }
}
