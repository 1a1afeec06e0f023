namespace EnvMonitoring.Cloud.Storage;

/// <summary>
/// Set-up work that must succeed once before what depends on it (a retention policy made, a journal
/// made ready): callers at the same time wait for the one run; a run that fails leaves it to the next
/// caller; after a success it costs nothing.
/// </summary>
internal sealed class Once(Func<CancellationToken, Task> work)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_done)
            {
                await work(cancellationToken);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
