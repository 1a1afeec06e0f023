using System.Collections.Frozen;
using System.Threading.Channels;
using EnvMonitoring.Edge.Log;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Circular10;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Edge.Intake;

/// <summary>
/// Ingests the Circular-10 files a station's FTP server writes into the drop folder. On start and
/// at every poll (or sooner, when the file-system watcher sees a change) it takes the settled
/// <c>*.txt</c> files in name order; each is parsed with its station's mapping, appended to the log
/// with one <see cref="ISampleSink.AppendAsync"/> call (durable once it returns), and only then moved
/// to the archive. A file that cannot be understood goes to <c>rejected/</c> with a reason file. A file
/// is never half-ingested: parsing is all or nothing, and when the append fails the file stays where
/// it is and is tried again on the next pass. A name already archived is never ingested again: the
/// same content is skipped as a duplicate, other content is rejected as a <see cref="IntakeRejection.Conflict"/>.
/// </summary>
internal sealed class DropFolderIntake : BackgroundService
{
    private readonly FileIntakeOptions _options;
    private readonly ISampleSink _sink;
    private readonly ParameterCatalog _catalog;
    private readonly IntakeCounters _counters;
    private readonly TimeProvider _time;
    private readonly ILogger<DropFolderIntake> _logger;
    private readonly DropFolder _folder;
    private readonly FrozenDictionary<string, StationFileMapping> _mappings;
    private readonly SettleTracker _settle;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    // Files appended to the log whose move to the archive failed: only the move is retried, as long
    // as the file is still the one appended (same length and modification time).
    private readonly Dictionary<string, Appended> _appended = new(StringComparer.Ordinal);

    public DropFolderIntake(
        IOptions<FileIntakeOptions> options,
        ISampleSink sink,
        ParameterCatalog catalog,
        IntakeCounters counters,
        TimeProvider time,
        IHostEnvironment environment,
        ILogger<DropFolderIntake> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _options = options.Value;
        _sink = sink;
        _catalog = catalog;
        _counters = counters;
        _time = time;
        _logger = logger;
        _folder = new DropFolder(_options, environment.ContentRootPath);
        _mappings = _options.Stations.Select(s => s.ToMapping()).ToFrozenDictionary(m => m.FileStation, StringComparer.OrdinalIgnoreCase);
        _settle = new SettleTracker(_options.SettleTime);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            IntakeLog.Off(_logger);
            return;
        }

        _folder.Create();
        using var watcher = Watch();
        IntakeLog.Watching(_logger, _folder.Drop, _mappings.Count, _folder.Archive, _folder.Rejected);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                IntakeLog.ListFailed(_logger, _folder.Drop, _options.PollInterval, e);
            }

            await WaitForNextPassAsync(stoppingToken);
        }
    }

    /// <summary>One pass over the folder: every settled file, in name order, until the log refuses one.</summary>
    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        var files = _folder.Waiting();
        _settle.KeepOnly(files);
        foreach (var name in _appended.Keys.Where(n => !files.Any(f => f.Name == n)).ToArray())
        {
            _appended.Remove(name);
        }

        var now = _time.GetUtcNow();
        foreach (var file in files)
        {
            if (_settle.IsSettled(file, now) && !await TakeAsync(file, cancellationToken))
            {
                break;
            }
        }
    }

    /// <summary>Ingests or rejects one settled file; false when the log refused it, so the pass stops.</summary>
    private async Task<bool> TakeAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (_appended.Remove(file.Name, out var appended))
        {
            if (appended.Length == file.Length && appended.LastWriteUtc == file.LastWriteTimeUtc)
            {
                Archive(file, appended.Name, 0, appended.Station, appended);
                return true;
            }
        }

        if (!Circular10FileName.TryParse(file.Name, out var name, out var nameProblem))
        {
            await RejectAsync(file, new IntakeRejection(IntakeRejection.NameNotUnderstood, 0, nameProblem), cancellationToken);
            return true;
        }

        if (!_mappings.TryGetValue(name.StationCode, out var mapping))
        {
            await RejectAsync(file, new IntakeRejection(IntakeRejection.UnknownStation, 0,
                $"no entry of {FileIntakeOptions.Section}:Stations has the file station '{name.StationCode}'."), cancellationToken);
            return true;
        }

        if (file.Length > _options.MaxFileBytes)
        {
            await RejectAsync(file, new IntakeRejection(IntakeRejection.TooLarge, 0,
                $"the file has {file.Length} bytes; {FileIntakeOptions.Section}:MaxFileBytes allows {_options.MaxFileBytes}."), cancellationToken);
            return true;
        }

        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            _settle.Forget(file.Name);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            IntakeLog.ReadFailed(_logger, file.Name, e);
            return true;
        }

        file.Refresh();
        if (!file.Exists || !_settle.IsUnchanged(file, content.Length))
        {
            // Written to while it was read: it settles afresh.
            _settle.Forget(file.Name);
            return true;
        }

        // A name is ingested once: the archive holds the evidence as it first came (issue 13, item 4).
        if (await _folder.ReadArchivedAsync(file, name, cancellationToken) is { } archived)
        {
            var archivedPath = _folder.ArchivePath(file, name);
            if (archived.AsSpan().SequenceEqual(content))
            {
                SkipDuplicate(file, archivedPath);
            }
            else
            {
                await RejectAsync(file, new IntakeRejection(IntakeRejection.Conflict, 0,
                    $"a file of this name with other content ({archived.Length} bytes, this one {content.Length}) was ingested before and is archived as {archivedPath}; the original stands and nothing of this file was ingested."), cancellationToken);
            }

            return true;
        }

        var result = Circular10Parser.Parse(content, mapping, _catalog);
        if (!result.IsSuccess)
        {
            await RejectAsync(file, IntakeRejection.From(result.Failure), cancellationToken);
            return true;
        }

        try
        {
            await _sink.AppendAsync(result.Samples, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // LogFullException at the disk cap, or the log failing: the file stays and is retried.
            IntakeLog.AppendFailed(_logger, file.Name, e.Message, e);
            _counters.AppendFailed();
            return false;
        }

        _counters.Ingested(result.Samples.Count);
        Archive(file, name, result.Samples.Count, mapping.Station, new Appended(name, mapping.Station, file.Length, file.LastWriteTimeUtc));
        return true;
    }

    private void Archive(FileInfo file, Circular10FileName name, int samples, string station, Appended appended)
    {
        try
        {
            var target = _folder.MoveToArchive(file, name);
            _settle.Forget(file.Name);
            IntakeLog.Ingested(_logger, file.Name, samples, station, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _appended[file.Name] = appended;
            IntakeLog.MoveFailed(_logger, file.Name, e);
        }
    }

    /// <summary>The same bytes are archived under this name: the copy is removed unread, nothing is appended.</summary>
    private void SkipDuplicate(FileInfo file, string archived)
    {
        try
        {
            file.Delete();
            _settle.Forget(file.Name);
            // Logged before counted: whoever sees the count also finds the line.
            IntakeLog.Duplicate(_logger, file.Name, archived);
            _counters.DuplicateSkipped();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            IntakeLog.MoveFailed(_logger, file.Name, e);
        }
    }

    private async Task RejectAsync(FileInfo file, IntakeRejection rejection, CancellationToken cancellationToken)
    {
        try
        {
            var target = await _folder.MoveToRejectedAsync(file, rejection, _time.GetUtcNow(), cancellationToken);
            _settle.Forget(file.Name);
            IntakeLog.Rejected(_logger, file.Name, target, rejection.ToString());
            _counters.Rejected();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            IntakeLog.MoveFailed(_logger, file.Name, e);
        }
    }

    private async Task WaitForNextPassAsync(CancellationToken stoppingToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var poll = Task.Delay(_options.PollInterval, _time, wake.Token);
        var watched = _wake.Reader.WaitToReadAsync(wake.Token).AsTask();

        // Counted once the next wake-up is armed, so whoever waits for a pass may then move a clock.
        _counters.Scanned();
        await Task.WhenAny(poll, watched);
        await wake.CancelAsync();
        _wake.Reader.TryRead(out _);
    }

    /// <summary>A watcher that wakes the loop when files appear or grow; polling still runs without one.</summary>
    private FileSystemWatcher? Watch()
    {
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(_folder.Drop)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.LastWrite,
            };
            watcher.Created += (_, _) => _wake.Writer.TryWrite(true);
            watcher.Changed += (_, _) => _wake.Writer.TryWrite(true);
            watcher.Renamed += (_, _) => _wake.Writer.TryWrite(true);
            watcher.Error += (_, e) => IntakeLog.NoWatcher(_logger, _folder.Drop, _options.PollInterval, e.GetException());
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // e.g. the inotify instance limit is reached: polling alone still finds every file.
            watcher?.Dispose();
            IntakeLog.NoWatcher(_logger, _folder.Drop, _options.PollInterval, e);
            return null;
        }
    }

    private sealed record Appended(Circular10FileName Name, string Station, long Length, DateTime LastWriteUtc);
}
