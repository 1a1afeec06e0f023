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
/// A hosted service registered before the broker, the intake and the forwarder: <see cref="StartAsync"/>
/// recovers the log from disk before any of them runs, the commit loop is <see cref="ExecuteAsync"/>,
/// and <see cref="StopAsync"/> (after theirs) ends the loop, reports how it ended and commits what is left.
/// </summary>
public sealed class SampleLog : BackgroundService, ISampleSink
{
    private readonly LogOptions _options;
    private readonly Channel<bool> _commitRequests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ILogger<SampleLog> _logger;
    private IDevice? _device;
    private FasterLog? _log;
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
    }

    public string Directory { get; }

    /// <summary>Whether the log is recovered and not yet disposed: its sizes can be read.</summary>
    public bool IsOpen => _log is not null && Volatile.Read(ref _disposed) == 0;

    /// <summary>Bytes of the log's files on disk (segments and commit records); a file removed while counted counts 0.</summary>
    public long BytesOnDisk => new DirectoryInfo(Directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(LengthOf);

    /// <summary>Address of the oldest record not yet acknowledged by the cloud.</summary>
    public long BeginAddress => Faster.BeginAddress;

    /// <summary>Address after the last durable record.</summary>
    public long CommittedUntilAddress => Faster.CommittedUntilAddress;

    /// <summary>Bytes of records the cloud has not acknowledged (headers included).</summary>
    public long BacklogBytes => Faster.TailAddress - Faster.BeginAddress;

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
            while (!Faster.TryEnqueue(buffer.WrittenSpan, out _))
            {
                // The in-memory tail is full until the flush under way completes.
                RequestCommit();
                await Task.Yield();
            }
        }

        var until = Faster.TailAddress;
        RequestCommit();
        if (_options.Durable)
        {
            await Faster.WaitForCommitAsync(until, token: cancellationToken);
        }
    }

    /// <summary>Reads durable records from <paramref name="fromAddress"/> on, waiting for new ones.</summary>
    public FasterLogScanIterator Read(long fromAddress) => Faster.Scan(Math.Max(fromAddress, Faster.BeginAddress), long.MaxValue);

    /// <summary>Forgets every record before <paramref name="address"/>: the cloud has them.</summary>
    public void TruncateUntil(long address)
    {
        if (address > Faster.BeginAddress)
        {
            Faster.TruncateUntil(address);
            RequestCommit();
        }
    }

    /// <summary>The measurement time of the oldest unsent sample, or null when nothing waits.</summary>
    public DateTimeOffset? OldestUnsent()
    {
        using var iterator = Faster.Scan(Faster.BeginAddress, Faster.CommittedUntilAddress);
        if (!iterator.GetNext(out var record, out var length, out _))
        {
            return null;
        }

        return SampleCodec.Default.DecodeSample(record.AsSpan(0, length)).Sample?.Timestamp;
    }

    /// <summary>Recovers the log from disk (the records not yet acknowledged by the cloud), then starts the commit loop.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        // Write-through file I/O: a completed commit is on the disk, not in the page cache.
        _device = Devices.CreateLogDevice(Path.Combine(Directory, "samples.log"), preallocateFile: false, deleteOnClose: false,
            recoverDevice: true, useIoCompletionPort: false, disableFileBuffering: true);
        _log = await FasterLog.CreateAsync(
            new FasterLogSettings
            {
                LogDevice = _device,
                LogCommitDir = Path.Combine(Directory, "commits"),
                PageSizeBits = 22,
                MemorySizeBits = 25,
                SegmentSizeBits = 26,
                TryRecoverLatest = true,
                RemoveOutdatedCommits = true,
                LogChecksum = LogChecksumType.PerEntry,
            },
            cancellationToken);
        GatewayLog.LogOpened(_logger, Directory, BacklogBytes);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Ends the commit loop, says if it had failed, and commits whatever was appended since the last flush.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (ExecuteTask is { IsFaulted: true } failed)
        {
            GatewayLog.CommitLoopFailed(_logger, Directory, failed.Exception.GetBaseException());
        }

        if (_log is { } log)
        {
            await log.CommitAsync(cancellationToken);
            GatewayLog.LogClosed(_logger, Directory, Commits, BacklogBytes);
        }
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        base.Dispose();
        _log?.Dispose();
        _device?.Dispose();
    }

    /// <summary>One flush at a time; every append made while one runs is covered by the next.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                if (_options.Durable)
                {
                    await _commitRequests.Reader.ReadAsync(stoppingToken);
                }
                else
                {
                    // Not durable (measurement only): flush in the background, acknowledge at once.
                    await Task.Delay(TimeSpan.FromMilliseconds(50), stoppingToken);
                }

                while (Faster.CommittedUntilAddress < Faster.TailAddress || Faster.CommittedBeginAddress < Faster.BeginAddress)
                {
                    await Faster.CommitAsync(stoppingToken);
                    Interlocked.Increment(ref _commits);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync commits what is left.
        }
    }

    private static long LengthOf(FileInfo file)
    {
        try
        {
            return file.Length;
        }
        catch (FileNotFoundException)
        {
            // FASTER removed a truncated segment meanwhile.
            return 0;
        }
    }

    /// <summary>The FASTER log, once <see cref="StartAsync"/> has recovered it.</summary>
    private FasterLog Faster => _log ?? throw new InvalidOperationException($"The sample log at {Directory} is not open: it opens when the host starts.");

    private void RequestCommit() => _commitRequests.Writer.TryWrite(true);

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
