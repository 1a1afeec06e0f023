namespace EnvMonitoring.Testing.Logging;

/// <summary>A test waiting in <see cref="TestLog.WaitForAsync"/> for an entry that matches.</summary>
internal sealed class LogWaiter(Func<LogEntry, bool> match)
{
    private readonly TaskCompletionSource<LogEntry> _found = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<LogEntry> Found => _found.Task;

    /// <summary>
    /// Completes the wait when <paramref name="entry"/> matches. A predicate that throws fails the
    /// waiting test, never the host that was logging.
    /// </summary>
    public void Offer(LogEntry entry)
    {
        try
        {
            if (match(entry))
            {
                _found.TrySetResult(entry);
            }
        }
        catch (Exception e)
        {
            _found.TrySetException(e);
        }
    }
}
