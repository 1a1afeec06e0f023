using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Circular10;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Retry;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Relay;

/// <summary>
/// One destination's loop (docs/relay.md): stage every closed interval (each station's readings as
/// one Circular-10 file into the outbox, then the cursor), look again at intervals that got late
/// readings, then upload the outbox oldest first, each file under a temporary name then renamed.
/// Staging runs whether or not the server answers, so after an outage every missed interval goes
/// out, in order, each once. Failures are retried on the relay's backoff, forever: nothing is dropped.
/// </summary>
internal sealed class DestinationRelay : IDisposable
{
    private readonly RelayDestinationOptions _options;
    private readonly RelayOptions _relay;
    private readonly RelayOutbox _outbox;
    private readonly RelayDigests _digests;
    private readonly IntervalReader _reader;
    private readonly RelayClock _clock;
    private readonly RelayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly FrozenDictionary<string, string> _codes;
    private readonly ConcurrentDictionary<(string Station, DateTimeOffset Interval), byte> _late = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _gate = new();
    private RelaySentFile? _lastFile;
    private RelayError? _lastError;
    private bool _failing;
    private bool _needsAttention;
    private string? _reportedProblem;
    private DateTimeOffset _nextTrim;

    public DestinationRelay(
        RelayDestinationOptions options, RelayOptions relay, string directory, IntervalReader reader, RelayClock clock, RelayMetrics metrics, ILogger logger)
    {
        _options = options;
        _relay = relay;
        _reader = reader;
        _clock = clock;
        _metrics = metrics;
        _logger = logger;
        _parameters = options.Parameters.Count == 0
            ? ParameterCatalog.Default.Parameters
            : [.. options.Parameters.Keys.Select(code => ParameterCatalog.Default.TryGet(code, out var p) ? p : throw new InvalidOperationException(code)).OrderBy(p => p.Index)];
        _codes = options.Stations.ToFrozenDictionary(s => s.Station, s => s.Code, StringComparer.Ordinal);
        _outbox = RelayOutbox.Open(directory);
        _digests = RelayDigests.Open(directory, clock.Now - relay.CorrectionWindow);
    }

    public string Name => _options.Name;

    public bool Receives(string station) => _codes.ContainsKey(station);

    /// <summary>
    /// A sample of <paramref name="station"/> measured at <paramref name="timestamp"/> was stored: if its
    /// interval was staged already, the interval is looked at again. Returns at once.
    /// </summary>
    public void NoteStored(string station, DateTimeOffset timestamp)
    {
        var interval = Floor(timestamp);
        if (_outbox.Cursor is { } cursor && interval < cursor.Next && _late.TryAdd((station, interval), 0) && _wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken already.
            }
        }
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var schedule = new RetrySchedule(_relay.FirstRetryDelay, _relay.MaxRetryDelay, jitter: 0.2);
        var backoff = schedule.Start(_clock.Time);
        EnsureCursor();
        RelayLog.Started(_logger, _options.Name, _options.Protocol, _options.Host, _options.Stations.Count, _options.Interval, _outbox.Cursor!.Next, _outbox.Count);
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset due;
            try
            {
                await StageClosedAsync(stoppingToken);
                await StageLateAsync(stoppingToken);
                await DrainAsync(stoppingToken);
                backoff.Reset();
                due = _outbox.Cursor!.Next + _options.Interval + _options.Settle;
            }
            catch (RelayTransportException e)
            {
                var wait = backoff.Next();
                due = _clock.Now + wait;
                Failed(e, backoff.Retries, wait);
            }
            catch (Exception e) when (e is Storage.InfluxException or HttpRequestException or TaskCanceledException or IOException && !stoppingToken.IsCancellationRequested)
            {
                var wait = backoff.Next();
                due = _clock.Now + wait;
                RelayLog.ReadFailed(_logger, _options.Name, _outbox.Cursor!.Next, backoff.Retries, wait, e);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A bug or the disk: logged as an error, retried, never the end of the host.
                var wait = backoff.Next();
                due = _clock.Now + wait;
                RelayLog.Crashed(_logger, _options.Name, backoff.Retries, wait, e);
            }

            ReportProblem();
            try
            {
                await WaitAsync(due, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public RelayDestinationStatus Status()
    {
        var now = _clock.Now;
        var cursor = _outbox.Cursor;
        var oldest = _outbox.OldestInterval();
        var unsent = oldest ?? cursor?.Next;
        var behind = unsent is { } u && now - (u + _options.Interval + _options.Settle) is { Ticks: > 0 } late ? late : TimeSpan.Zero;
        lock (_gate)
        {
            string? problem = null;
            if (_failing && _needsAttention && _lastError is { } error)
            {
                problem = $"{error.Failure}: {error.Message}";
            }
            else if (behind > _relay.BehindAlert)
            {
                problem = $"behind by {behind:c} (more than Relay:BehindAlert {_relay.BehindAlert:c})" + (_failing && _lastError is { } last ? $"; last error {last.Failure}: {last.Message}" : "");
            }

            return new RelayDestinationStatus(
                _options.Name, WireName.Of(_options.Protocol), _options.Host, _options.Interval, _options.AcceptsCorrections,
                _outbox.Count, oldest, cursor?.Next, behind, _lastFile, _lastError, _failing, problem);
        }
    }

    public void Dispose()
    {
        _digests.Dispose();
        _wake.Dispose();
    }

    private DateTimeOffset Floor(DateTimeOffset instant)
    {
        var ticks = _options.Interval.Ticks;
        return new DateTimeOffset(instant.UtcTicks - (instant.UtcTicks % ticks), TimeSpan.Zero);
    }

    private void EnsureCursor()
    {
        if (_outbox.Cursor is null)
        {
            _outbox.Commit(new RelayCursor(Floor(_options.Start ?? _clock.Now), 0));
        }
    }

    private async Task StageClosedAsync(CancellationToken cancellationToken)
    {
        while (_outbox.Cursor is { } cursor && cursor.Next + _options.Interval + _options.Settle <= _clock.Now)
        {
            var seq = cursor.NextSeq;
            foreach (var station in _options.Stations)
            {
                if (await FileForAsync(station.Station, cursor.Next, correction: false, cancellationToken) is { } file)
                {
                    _outbox.Stage(seq++, file);
                    _digests.Put(station.Station, cursor.Next, RelayDigests.Of(file.Content));
                }
            }

            _digests.Flush();
            _outbox.Commit(cursor with { Next = cursor.Next + _options.Interval, NextSeq = seq });
            if (_clock.Now >= _nextTrim)
            {
                // Hourly, so a long-running host keeps only the correction window's digests in memory.
                _digests.Trim(_clock.Now - _relay.CorrectionWindow);
                _nextTrim = _clock.Now + TimeSpan.FromHours(1);
            }

            _metrics.Staged(_options.Name, (int)(seq - cursor.NextSeq));
            RelayLog.Staged(_logger, _options.Name, (int)(seq - cursor.NextSeq), cursor.Next);
        }
    }

    private async Task StageLateAsync(CancellationToken cancellationToken)
    {
        foreach (var (station, interval) in _late.Keys.Order())
        {
            if (_clock.Now - interval > _relay.CorrectionWindow)
            {
                _late.TryRemove((station, interval), out _);
                RelayLog.LateReadingsRefused(_logger, _options.Name, station, interval);
                continue;
            }

            var file = await FileForAsync(station, interval, correction: true, cancellationToken);
            _late.TryRemove((station, interval), out _);
            if (file is null || _digests.Get(station, interval) == RelayDigests.Of(file.Content))
            {
                continue; // a repeat of what was sent: nothing new
            }

            _digests.Put(station, interval, RelayDigests.Of(file.Content));
            _digests.Flush();
            if (!_options.AcceptsCorrections)
            {
                RelayLog.LateReadingsRefused(_logger, _options.Name, station, interval);
                continue;
            }

            var cursor = _outbox.Cursor!;
            _outbox.Stage(cursor.NextSeq, file);
            _outbox.Commit(cursor with { NextSeq = cursor.NextSeq + 1 });
            _metrics.Staged(_options.Name, 1);
            RelayLog.CorrectionQueued(_logger, _options.Name, station, interval);
        }
    }

    private async Task<RelayFile?> FileForAsync(string station, DateTimeOffset interval, bool correction, CancellationToken cancellationToken)
    {
        var samples = await _reader.ReadAsync(station, _parameters, interval, interval + _options.Interval, cancellationToken);
        if (samples.Count == 0)
        {
            return null; // nothing measured: no file (docs/relay.md, "What the destination sees")
        }

        var code = _codes[station];
        var name = Circular10FileName.ForStation(code, interval).ToString();
        return new RelayFile(station, interval, RemotePath(code, interval, name), Circular10Writer.Encode(samples, _options.Parameters), correction);
    }

    private string RemotePath(string code, DateTimeOffset interval, string name)
    {
        var local = ProvinceTime.ToLocal(interval);
        var layout = _options.Layout
            .Replace("{station}", code, StringComparison.Ordinal)
            .Replace("{yyyy}", local.ToString("yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{MM}", local.ToString("MM", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{dd}", local.ToString("dd", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var parts = new[] { _options.RemoteDirectory.TrimEnd('/'), layout.Trim('/'), name }.Where(p => p.Length > 0);
        var path = string.Join('/', parts);
        return _options.RemoteDirectory.StartsWith('/') && !path.StartsWith('/') ? "/" + path : path;
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        IRelayTransport? transport = null;
        try
        {
            while (_outbox.Peek() is { } next)
            {
                transport ??= await ConnectAsync(cancellationToken);
                var sent = await RemoteUpload.SendAsync(transport, next.File, cancellationToken);
                _outbox.Remove(next.Seq);
                if (sent)
                {
                    _metrics.Sent(_options.Name);
                    RelayLog.Uploaded(_logger, _options.Name, next.File.RemotePath);
                }
                else
                {
                    RelayLog.AlreadyThere(_logger, _options.Name, next.File.RemotePath);
                }

                lock (_gate)
                {
                    _lastFile = new RelaySentFile(next.File.RemotePath, next.File.Station, next.File.Interval, next.File.Correction, _clock.Now);
                    _failing = false;
                    _needsAttention = false;
                }
            }

            lock (_gate)
            {
                _failing = false;
                _needsAttention = false;
            }
        }
        finally
        {
            if (transport is not null)
            {
                await transport.DisposeAsync();
            }
        }
    }

    private async Task<IRelayTransport> ConnectAsync(CancellationToken cancellationToken) => _options.Protocol switch
    {
        RelayProtocol.Sftp => await SftpTransport.ConnectAsync(_options, _relay.AttemptTimeout, cancellationToken),
        _ => FtpTransport.Connect(_options, _relay.AttemptTimeout),
    };

    private void Failed(RelayTransportException e, int retry, TimeSpan wait)
    {
        lock (_gate)
        {
            _lastError = new RelayError(WireName.Of(e.Failure), e.Message, _clock.Now);
            _failing = true;
            _needsAttention = e.NeedsAttention;
        }

        _metrics.Failed(_options.Name, e.Failure);
        if (e.NeedsAttention)
        {
            RelayLog.UploadRefused(_logger, _options.Name, e.Failure, e.Message, _outbox.Count, retry, wait);
        }
        else
        {
            RelayLog.UploadFailed(_logger, _options.Name, e.Failure, e.Message, _outbox.Count, retry, wait);
        }
    }

    /// <summary>Logs a problem once when it starts and the recovery when it ends.</summary>
    private void ReportProblem()
    {
        var status = Status();
        if (status.Problem is { } problem && _reportedProblem is null)
        {
            RelayLog.DestinationProblem(_logger, _options.Name, problem);
        }
        else if (status.Problem is null && _reportedProblem is not null)
        {
            RelayLog.DestinationRecovered(_logger, _options.Name, status.Backlog);
        }

        _reportedProblem = status.Problem;
    }

    /// <summary>Waits until <paramref name="due"/> on the relay's clock, or until late readings wake the loop.</summary>
    private async Task WaitAsync(DateTimeOffset due, CancellationToken stoppingToken)
    {
        if (due <= _clock.Now)
        {
            return;
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = _clock.UntilAsync(due, done.Token);
        var woken = _wake.WaitAsync(done.Token);
        // Forced to yield: a fake clock ends the delay on the thread that moves it, which must not run the uploads.
        await Task.WhenAny(delay, woken).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        await done.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
        if (woken.IsCompletedSuccessfully)
        {
            return;
        }

        try
        {
            await woken;
        }
        catch (OperationCanceledException)
        {
            // The delay ended first: the wait for a wake-up is dropped with it.
        }
    }
}
