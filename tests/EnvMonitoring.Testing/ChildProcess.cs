using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EnvMonitoring.Testing;

/// <summary>
/// A server process started by a test: its output goes into a bounded buffer whose tail failures
/// quote, and it can be signalled, killed and awaited. Children still alive when the test host
/// exits are killed, so a test run that forgot a dispose does not leave servers behind.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    /// <summary>Linux SIGINT: PostgreSQL's "fast" shutdown (SIGTERM waits for every client to leave).</summary>
    public const int SigInt = 2;

    /// <summary>Linux SIGKILL: ends the process at once, nothing flushed (a crash or power cut).</summary>
    public const int SigKill = 9;

    /// <summary>Linux SIGTERM: asks the process to shut down gracefully.</summary>
    public const int SigTerm = 15;

    /// <summary>Linux SIGCONT: resumes a process stopped with <see cref="SigStop"/>.</summary>
    public const int SigCont = 18;

    /// <summary>Linux SIGSTOP: freezes the process (a hung server: connections open, no answers).</summary>
    public const int SigStop = 19;

    /// <summary>Default size of the output buffer, in characters.</summary>
    public const int DefaultOutputCapacityChars = 64 * 1024;

    private static readonly ConcurrentDictionary<ChildProcess, byte> Live = HookTestHostExit();

    private readonly Process _process;
    private readonly OutputRing _output;

    private ChildProcess(Process process, OutputRing output)
    {
        _process = process;
        _output = output;
    }

    /// <summary>Process id.</summary>
    public int Id => _process.Id;

    /// <summary>The executable that was started.</summary>
    public string FileName => _process.StartInfo.FileName;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once exited (128 + signal number when a signal ended it), else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The last lines the process wrote to stdout and stderr, interleaved as received.</summary>
    public string OutputTail => _output.Tail;

    /// <summary>
    /// Starts <paramref name="fileName"/> with stdout and stderr captured, and
    /// <paramref name="environment"/> added to this process's environment (the way to hand a child
    /// a secret: unlike its arguments, the environment is not readable by other users).
    /// </summary>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        int outputCapacityChars = DefaultOutputCapacityChars,
        IEnumerable<KeyValuePair<string, string>>? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCapacityChars, 1024);
        return Start(fileName, arguments, workingDirectory, new OutputRing(outputCapacityChars), environment);
    }

    /// <summary>Starts a process whose output goes into <paramref name="output"/>, which may
    /// already hold the output of earlier runs.</summary>
    internal static ChildProcess Start(
        string fileName, IEnumerable<string> arguments, string? workingDirectory, OutputRing output, IEnumerable<KeyValuePair<string, string>>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? [])
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Add(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Add(e.Data);
            }
        };

        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        var child = new ChildProcess(process, output);
        // Registered from start to dispose; Dispose uses the removal to run once.
        Live.TryAdd(child, 0);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Sends a signal with kill(2), e.g. <see cref="SigTerm"/> or <see cref="SigStop"/>.</summary>
    /// <exception cref="Win32Exception">kill(2) failed, e.g. ESRCH once the process is gone.</exception>
    public void SendSignal(int signal)
    {
        if (NativeMethods.Kill(_process.Id, signal) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new Win32Exception(errno, $"kill({_process.Id}, {signal}) failed: errno {errno}.");
        }
    }

    /// <summary>Kills the process (SIGKILL), by default with every process it started.</summary>
    public void Kill(bool entireProcessTree = true)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree);
        }
    }

    /// <summary>Waits until the process has exited and its output is drained.</summary>
    /// <returns>False when it was still running after <paramref name="timeout"/>.</returns>
    public async Task<bool> TryWaitForExitAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Waits until the process has exited and its output is drained.</summary>
    /// <exception cref="TimeoutException">Still running after <paramref name="timeout"/>.</exception>
    public async Task WaitForExitAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        if (!await TryWaitForExitAsync(timeout, ct))
        {
            throw new TimeoutException(
                $"{FileName} (pid {Id}) did not exit within {timeout.TotalSeconds:0.#} s. Output tail:\n{OutputTail}");
        }
    }

    /// <summary>Kills the process tree if it still runs and releases the process handle.</summary>
    public void Dispose()
    {
        if (!Live.TryRemove(this, out _))
        {
            return;
        }

        try
        {
            Kill();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static ConcurrentDictionary<ChildProcess, byte> HookTestHostExit()
    {
        var live = new ConcurrentDictionary<ChildProcess, byte>();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var child in live.Keys)
            {
                child.Kill();
            }
        };
        return live;
    }
}
