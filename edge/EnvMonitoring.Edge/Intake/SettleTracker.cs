namespace EnvMonitoring.Edge.Intake;

/// <summary>
/// Tells when a file in the drop folder is complete. FTP servers write under the final name as the
/// bytes arrive, so a file is read only once its size and modification time have stayed the same,
/// by the gateway's own clock, for the settle time. The file's mtime alone is not trusted: an FTP
/// client may set it to the original's time before the upload ends.
/// </summary>
internal sealed class SettleTracker(TimeSpan settleTime)
{
    private readonly Dictionary<string, Observation> _seen = new(StringComparer.Ordinal);

    /// <summary>Records what <paramref name="file"/> looks like now; true once it has not changed for the settle time.</summary>
    public bool IsSettled(FileInfo file, DateTimeOffset now)
    {
        if (_seen.TryGetValue(file.Name, out var seen) && seen.Matches(file))
        {
            return now - seen.Since >= settleTime;
        }

        _seen[file.Name] = new Observation(file.Length, file.LastWriteTimeUtc, now);
        return settleTime <= TimeSpan.Zero;
    }

    /// <summary>True when <paramref name="file"/> still has the length and mtime it had when judged settled.</summary>
    public bool IsUnchanged(FileInfo file, long length) =>
        _seen.TryGetValue(file.Name, out var seen) && seen.Length == length && seen.Matches(file);

    /// <summary>The file changed after all (or it was handled): it must settle afresh if it comes back.</summary>
    public void Forget(string name) => _seen.Remove(name);

    /// <summary>Drops what is known of files no longer in the folder.</summary>
    public void KeepOnly(IReadOnlyCollection<FileInfo> files)
    {
        if (_seen.Count == 0)
        {
            return;
        }

        var present = files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in _seen.Keys.Where(n => !present.Contains(n)).ToArray())
        {
            _seen.Remove(name);
        }
    }

    private readonly record struct Observation(long Length, DateTime LastWriteUtc, DateTimeOffset Since)
    {
        public bool Matches(FileInfo file) => file.Length == Length && file.LastWriteTimeUtc == LastWriteUtc;
    }
}
