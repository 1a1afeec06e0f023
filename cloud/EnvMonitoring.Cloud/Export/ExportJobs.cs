using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Export;

/// <summary>
/// Runs large exports in the background so a browser can show progress: a job writes its ZIP to a
/// file, reports the share done, and keeps the file for <see cref="ExportOptions.Keep"/>. A job is
/// visible only to the user who started it. The files are evidence of one user's request: they live
/// in a folder only the host's account may enter (0700), readable by it alone (0600); ZIPs an earlier
/// run left (a crash) are deleted at start, and stopping the host cancels running jobs and deletes the files.
/// </summary>
internal sealed class ExportJobs : IHostedService
{
    private readonly ConcurrentDictionary<string, ExportJob> _jobs = new(StringComparer.Ordinal);
    private readonly EvidenceExporter _exporter;
    private readonly ExportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ExportJobs> _logger;
    private readonly string _directory;
    private int _stopped;

    public ExportJobs(EvidenceExporter exporter, IOptions<ExportOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<ExportJobs> logger)
    {
        _exporter = exporter;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _directory = Path.GetFullPath(_options.Directory, environment.ContentRootPath);
    }

    /// <summary>
    /// Makes the folder private and deletes the ZIPs an earlier run left (a crash), before the
    /// server takes requests: hosted services start before Kestrel listens.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_directory);
        }
        else
        {
            Directory.CreateDirectory(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            // An existing folder keeps its mode: make it private too.
            File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var leftovers = Directory.GetFiles(_directory, "*.zip");
        foreach (var file in leftovers)
        {
            File.Delete(file);
        }

        if (leftovers.Length > 0)
        {
            ExportLog.LeftoversDeleted(_logger, leftovers.Length, _directory);
        }

        return Task.CompletedTask;
    }

    /// <summary>Starts a job; null when <see cref="ExportOptions.MaxRunning"/> jobs already run.</summary>
    public ExportJob? Start(ExportRequest request, string user, IPAddress? source)
    {
        Expire();
        if (_jobs.Values.Count(j => j.State == ExportState.Running) >= _options.MaxRunning)
        {
            return null;
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var job = new ExportJob(id, request, user, _time.GetUtcNow(), Path.Combine(_directory, id + ".zip"));
        _jobs[id] = job;
        job.Work = Task.Run(() => RunAsync(job, source));
        return job;
    }

    public ExportJob? Find(string id, string user) =>
        _jobs.TryGetValue(id, out var job) && job.User == user ? job : null;

    private async Task RunAsync(ExportJob job, IPAddress? source)
    {
        try
        {
            await using (var file = new FileStream(job.Path, Private()))
            {
                var manifest = await _exporter.WriteAsync(
                    file, job.Request, job.User, source, new Progress<double>(p => job.Progress = Math.Max(job.Progress, Math.Min(p, 0.999))), job.Cancel.Token);
                job.ManifestSha256 = EvidenceExporter.HashOf(manifest);
            }

            job.Bytes = new FileInfo(job.Path).Length;
            job.Progress = 1;
            job.State = ExportState.Completed;
        }
        catch (Exception e)
        {
            // A background job has no caller to throw to: the failure is its outcome, shown to the user and logged.
            job.Error = job.Cancel.IsCancellationRequested ? "cancelled: the host is stopping" : e.Message;
            job.State = ExportState.Failed;
            ExportLog.JobFailed(_logger, job.Id, job.Request.Station, e);
            File.Delete(job.Path);
        }
        finally
        {
            job.EndedAt = _time.GetUtcNow();
        }
    }

    private void Expire()
    {
        var cutoff = _time.GetUtcNow() - _options.Keep;
        foreach (var job in _jobs.Values.Where(j => j.EndedAt < cutoff))
        {
            if (_jobs.TryRemove(job.Id, out _))
            {
                File.Delete(job.Path);
            }
        }
    }

    /// <summary>Cancels running jobs and deletes every file; the server has stopped taking requests by then (it stops first).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may be told to stop twice (a test server stops, then disposes): the second time there is nothing left.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        foreach (var job in _jobs.Values)
        {
            await job.Cancel.CancelAsync();
        }

        await Task.WhenAll(_jobs.Values.Select(j => j.Work));
        foreach (var job in _jobs.Values)
        {
            job.Cancel.Dispose();
            File.Delete(job.Path);
        }
    }

    /// <summary>A new file, readable and writable by the host's account only.</summary>
    private static FileStreamOptions Private()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}
