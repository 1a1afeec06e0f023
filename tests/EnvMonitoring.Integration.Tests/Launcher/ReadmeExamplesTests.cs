using System.Text.RegularExpressions;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Launcher;

/// <summary>
/// Every command of the README's <c>bash</c> blocks, as written, against a system started by
/// <c>./envmon run</c> (<see cref="RunningSystem"/>): on its own ports and data folder, so the
/// README's <c>127.0.0.1:8080</c> (and the first gateway's and node's metrics ports, 9464 and 9467),
/// <c>.envmon/</c> and <c>PASSWORD</c> are replaced by the running
/// system's, and <c>./envmon</c> is given its data folder (<c>ENVMON_DATA_DIR</c>), the way a user's
/// default folder would be found. Each must exit 0 and answer what it is for. A README command
/// without an expected answer here fails the test: add one.
/// </summary>
public sealed partial class ReadmeExamplesTests(RunningSystem system) : IClassFixture<RunningSystem>
{
    /// <summary>What each README command must answer (a regular expression over its output), by what the command contains.</summary>
    private static readonly (string Command, string Answer)[] Expected =
    [
        ("/api/health'", "\"status\":\"ok\""),
        ("/api/readings?station=YB-WWTP-01&param=COD'", "\"readings\":\\[\\{[^\\]]*\"value\""),
        ("/api/stations'", "\"DT-STEEL-STACK-01\".*\"YB-WWTP-01\""),
        ("/api/alerts'", "^[\\[{]"),
        ("/api/quarantine'", "\"counts\":.*\"entries\":"),
        ("/metrics' | grep envmon_ingestion", "envmon_ingestion_samples"),
        ("/metrics' | grep envmon_gateway_backlog", "envmon_gateway_backlog_bytes"),
        ("/metrics' | grep envmon_node_outbox", "envmon_node_outbox_depth\\{[^}]*station=\"YB-WWTP-01\""),
        ("./envmon backtest --station YB-WWTP-01", "(?s)Backtest of YB-WWTP-01 .*Samples: [1-9]"),
    ];

    /// <summary>Commands not run here, with the reason.</summary>
    private static readonly (string Command, string Why)[] NotRunHere =
    [
        ("./envmon run", "it is what RunningSystem runs"),
        ("./envmon test", "it runs every test, this one included"),
    ];

    [Fact]
    public async Task Every_readme_command_answers_as_documented_on_a_running_system()
    {
        var blocks = BashBlock().Matches(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md")))
            .Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(blocks);
        var ran = 0;
        foreach (var block in blocks)
        {
            var assignments = new List<string>();
            foreach (var raw in block.Split('\n'))
            {
                var line = Comment().Replace(raw, "").Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (NotRunHere.Any(n => line == n.Command))
                {
                    continue;
                }

                var command = Substitute(line);
                if (Assignment().IsMatch(line))
                {
                    assignments.Add(command);
                    continue;
                }

                var expected = Expected.Where(e => line.Contains(e.Command, StringComparison.Ordinal)).Select(e => e.Answer).ToList();
                Assert.True(expected.Count == 1, $"The README command\n  {line}\nhas {expected.Count} expected answers in ReadmeExamplesTests.Expected; give it one.");
                await RunsAndAnswersAsync(line, string.Join("; ", [.. assignments, command]), expected[0]);
                ran++;
            }
        }

        Assert.True(ran >= Expected.Length, $"ran {ran} README commands, fewer than the {Expected.Length} expected");
    }

    /// <summary>The README says "within a few seconds": each command is retried until it answers, for up to two minutes.</summary>
    private async Task RunsAndAnswersAsync(string readme, string script, string answer)
    {
        var last = "";
        try
        {
            await Eventually.UntilAsync(async () =>
            {
                Assert.False(system.Launcher.HasExited, $"envmon run exited:\n{system.Launcher.OutputTail}");
                // A JSON answer is one long line: room for it whole (the default keeps a line's last 16 K characters).
                using var shell = ChildProcess.Start("bash", ["-c", script], RepositoryRoot.Path, outputCapacityChars: 4 * 1024 * 1024, environment:
                [
                    new("ENVMON_DATA_DIR", system.DataDir), new("ENVMON_CONFIGURATION", LauncherProcesses.BuildConfiguration),
                ]);
                await shell.WaitForExitAsync(TimeSpan.FromMinutes(5));
                last = $"exit code {shell.ExitCode}:\n{shell.OutputTail}";
                return shell.ExitCode == 0 && Regex.IsMatch(shell.OutputTail, answer, RegexOptions.None, TimeSpan.FromSeconds(5));
            }, TimeSpan.FromMinutes(2), $"the README command\n  {readme}\nanswers /{answer}/");
        }
        catch (TimeoutException e)
        {
            // The last run's output, known only now (the message above was written before any run).
            throw new TimeoutException($"{e.Message}; last run: {last}", e);
        }

        if (readme.StartsWith("./envmon ", StringComparison.Ordinal))
        {
            // The launcher's own commands print their answer only: no build output, no warnings.
            foreach (var noise in new[] { "Build succeeded", ": warning ", ": error ", "Determining projects", "Restored ", " -> /" })
            {
                Assert.DoesNotContain(noise, last, StringComparison.OrdinalIgnoreCase);
            }
        }

        if (readme.Contains("backtest", StringComparison.Ordinal))
        {
            // Consistent: never "nothing" above an alert said to be active.
            Assert.DoesNotContain("Nothing would have fired", last, StringComparison.Ordinal);
            Assert.Matches("Still active at the end: ", last);
        }
    }

    private string Substitute(string line)
    {
        var text = line.Replace("127.0.0.1:8080", $"127.0.0.1:{system.HttpPort}", StringComparison.Ordinal)
            .Replace("127.0.0.1:9464", $"127.0.0.1:{system.MetricsBasePort}", StringComparison.Ordinal)
            .Replace("127.0.0.1:9467", $"127.0.0.1:{system.MetricsBasePort + 3}", StringComparison.Ordinal)
            .Replace(".envmon/", system.DataDir + "/", StringComparison.Ordinal);
        return Password().Replace(text, m => $"{m.Groups[1].Value}:{system.Passwords[m.Groups[1].Value]}");
    }

    [GeneratedRegex("```bash\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    [GeneratedRegex("\\s+#\\s.*$")]
    private static partial Regex Comment();

    [GeneratedRegex("^[A-Z_]+=\\S+$")]
    private static partial Regex Assignment();

    [GeneratedRegex("\\b([a-z]+):PASSWORD\\b")]
    private static partial Regex Password();
}
