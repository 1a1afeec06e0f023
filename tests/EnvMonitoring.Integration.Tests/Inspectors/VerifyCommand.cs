using EnvMonitoring.Integration.Tests.Launcher;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>Runs <c>./envmon verify-export FILE [options]</c> as a real process, with the verifier these tests were built with.</summary>
internal static class VerifyCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string zip, params string[] options)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "EnvMonitoring.Evidence.dll");
        using var process = ChildProcess.Start("/usr/bin/env",
            [$"ENVMON_EVIDENCE_DLL={dll}", Path.Combine(RepositoryRoot.Path, "envmon"), "verify-export", zip, .. options], RepositoryRoot.Path);
        await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode!.Value, process.OutputTail);
    }
}
