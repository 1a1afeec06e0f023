using System.Globalization;
using System.Net.Sockets;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Launcher;

/// <summary>What the launcher tests look at from outside: its processes, its ports, its script.</summary>
internal static class LauncherProcesses
{
    /// <summary>Every port <see cref="FreeRange"/> handed out (under its own lock).</summary>
    private static readonly HashSet<int> Drawn = [];

#if DEBUG
    public const string BuildConfiguration = "Debug";
#else
    public const string BuildConfiguration = "Release";
#endif

    public static string Script => Path.Combine(RepositoryRoot.Path, "envmon");

    /// <summary>Runs <c>envmon</c> to its end with the test's build; returns its exit code and output.</summary>
    public static async Task<(int Code, string Output)> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, IEnumerable<KeyValuePair<string, string>>? environment = null)
    {
        using var process = ChildProcess.Start("bash", [Script, .. arguments], RepositoryRoot.Path,
            environment: [new("ENVMON_CONFIGURATION", BuildConfiguration), .. environment ?? []]);
        await process.WaitForExitAsync(timeout);
        return (process.ExitCode!.Value, process.OutputTail);
    }

    public static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    public static bool Listening(int port)
    {
        try
        {
            using var socket = new TcpClient();
            socket.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive free ports, none handed out before in this
    /// process: the launcher refuses options whose ports overlap (a metrics range drawn at random
    /// once covered the InfluxDB port drawn beside it), and parallel runs must not share one either.
    /// </summary>
    public static int FreeRange(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = FreePort.Next();
            var ports = Enumerable.Range(first, count).ToList();
            lock (Drawn)
            {
                if (first + count < 65535 && ports.All(p => !Drawn.Contains(p) && !Listening(p)))
                {
                    Drawn.UnionWith(ports);
                    return first;
                }
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free ports found.");
    }

    /// <summary>A free port, none handed out before in this process (<see cref="FreeRange"/>).</summary>
    public static int Port() => FreeRange(1);

    /// <summary>
    /// Processes whose command line or environment names <paramref name="dataDir"/>: every child of
    /// <c>envmon run</c> does (InfluxDB's config, the cloud's folders, the gateways' logs, the nodes'
    /// outboxes, the watchdog's pid file). Each as "pid: command line".
    /// </summary>
    public static IReadOnlyList<string> Using(string dataDir)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                if (cmdline.Contains(dataDir, StringComparison.Ordinal) || environ.Contains(dataDir, StringComparison.Ordinal))
                {
                    found.Add($"{pid}: {cmdline}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours.
            }
        }

        return found;
    }
}
