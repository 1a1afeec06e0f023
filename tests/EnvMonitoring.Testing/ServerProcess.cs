using System.Diagnostics;

namespace EnvMonitoring.Testing;

/// <summary>
/// The start / ready / stop / kill life cycle that <see cref="InfluxServer"/> and
/// <see cref="MosquittoServer"/> share: one <see cref="ChildProcess"/> at a time, started again
/// with the same arguments after a stop or a kill.
/// </summary>
internal sealed class ServerProcess(
    string name,
    string binary,
    IReadOnlyList<string> arguments,
    string workingDirectory,
    Func<CancellationToken, Task<bool>> isReady,
    string readiness,
    int stopSignal = ChildProcess.SigTerm)
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    // One buffer across restarts, so a failure after a restart still shows how the last run ended.
    private readonly OutputRing _output = new(ChildProcess.DefaultOutputCapacityChars);
    private ChildProcess? _process;
    private int _runs;

    public bool IsRunning => _process is { HasExited: false };

    public int? ProcessId => _process?.Id;

    public string OutputTail => _output.Tail;

    /// <summary>Starts the process and polls <c>isReady</c> until it holds.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException($"{name} is already running (pid {_process.Id}).");
        }

        _output.Add($"[EnvMonitoring.Testing] starting {name}, run {++_runs}");
        var process = _process = ChildProcess.Start(binary, arguments, workingDirectory, _output);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                await process.TryWaitForExitAsync(StopTimeout, ct);
                var exitCode = process.ExitCode;
                var tail = Release();
                throw new InvalidOperationException(
                    $"{name} exited with code {exitCode} during start-up. Output tail:\n{tail}");
            }

            if (await isReady(ct))
            {
                return;
            }

            if (clock.Elapsed > StartTimeout)
            {
                process.Kill();
                await process.TryWaitForExitAsync(StopTimeout, ct);
                var tail = Release();
                throw new TimeoutException(
                    $"{name} did not {readiness} within {StartTimeout.TotalSeconds:0} s. Output tail:\n{tail}");
            }

            await Task.Delay(ProbeInterval, ct);
        }
    }

    /// <summary>The stop signal (SIGTERM unless told) and wait; kill and throw if it does not exit in time. No-op when stopped.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.SendSignal(stopSignal);
            if (!await _process.TryWaitForExitAsync(StopTimeout, ct))
            {
                _process.Kill();
                await _process.WaitForExitAsync(StopTimeout, ct);
                var tail = Release();
                throw new TimeoutException(
                    $"{name} ignored signal {stopSignal} for {StopTimeout.TotalSeconds:0} s and was killed. Output tail:\n{tail}");
            }
        }

        Release();
    }

    /// <summary>SIGKILL the process tree and wait for it. No-op when stopped.</summary>
    public async Task KillAsync(CancellationToken ct)
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill();
        await _process.WaitForExitAsync(StopTimeout, ct);
        Release();
    }

    /// <summary>Sends a signal to the running process, e.g. SIGSTOP to simulate a hang.</summary>
    public void SendSignal(int signal)
    {
        if (_process is null)
        {
            throw new InvalidOperationException($"{name} is not running.");
        }

        _process.SendSignal(signal);
    }

    private string Release()
    {
        if (_process is not null)
        {
            _output.Add($"[EnvMonitoring.Testing] {name} exited with code {_process.ExitCode}");
            _process.Dispose();
            _process = null;
        }

        return _output.Tail;
    }
}
