using System.Diagnostics;

namespace EnvMonitoring.Integration.Tests.Metrics;

/// <summary>Debian's <c>promtool</c> (package <c>prometheus</c>, installed by <c>./envmon test</c>; its service is never started).</summary>
internal static class Promtool
{
    public const string Path = "/usr/bin/promtool";

    /// <summary>Runs <c>promtool {arguments}</c> with <paramref name="input"/> on its standard input; its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string input, params string[] arguments)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: install Debian's prometheus package (./envmon test does)");
        var start = new ProcessStartInfo(Path) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
