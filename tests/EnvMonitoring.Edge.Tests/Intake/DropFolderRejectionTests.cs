using EnvMonitoring.Testing;

namespace EnvMonitoring.Edge.Tests.Intake;

/// <summary>A file the intake cannot take goes whole to rejected/ with a reason file; nothing of it reaches the log.</summary>
public sealed class DropFolderRejectionTests
{
    public static TheoryData<string, string, string, string> Malformed => new()
    {
        // name, content, reason, line
        { "TN_YBWWTP_NUOC01.txt", StationFiles.Illustration, "NameNotUnderstood", "-" },
        { "TN_YB_WWTP_NUOC01_20250315103000.txt", StationFiles.Illustration, "NameNotUnderstood", "-" },
        { "TN_YBWWTP_NUOC01_20251315103000.txt", StationFiles.Illustration, "NameNotUnderstood", "-" },
        { "TN_OTHER_NUOC01_20250315103000.txt", StationFiles.Illustration, "UnknownStation", "-" },
        { StationFiles.Name, StationFiles.Illustration + "TSS\t1x\tmg/L\t20250315103000\t00\n", "InvalidValue", "5" },
        { StationFiles.Name, StationFiles.Illustration.Replace("\t02", "\t03", StringComparison.Ordinal), "InvalidStatus", "4" },
        { StationFiles.Name, StationFiles.Illustration.Replace("COD\t41.2\tmg/L\t20250315103000", "COD\t41.2\tmg/L\t20250315106000", StringComparison.Ordinal), "InvalidTimestamp", "3" },
        { StationFiles.Name, "Turbidity\t3\tNTU\t20250315103000\t00\n" + StationFiles.Illustration, "UnmappedParameter", "1" },
        { StationFiles.Name, StationFiles.Illustration.Replace("7.21", "17.21", StringComparison.Ordinal), "OutOfRange", "2" },
        { StationFiles.Name, StationFiles.Illustration + "pH\t7.5\t-\t20250315103000\t00\n", "ConflictingDuplicate", "5" },
        { StationFiles.Name, StationFiles.Illustration + "pH\t7.5\n", "MalformedLine", "5" },
        { StationFiles.Name, "\r\n\r\n", "NoReadings", "-" },
        { "TN_SC2_NUOC01_20250315103000.txt", "Flow_lps\t33\tm3/h\t20250315103000\t00\n", "UnitMismatch", "1" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Moves_a_malformed_file_to_rejected_with_its_reason(string name, string content, string reason, string line)
    {
        await using var host = new IntakeHost();
        host.Log.ExpectEvent("Rejected", "a rejected file is logged as a warning (the scenario drops a bad file)");
        await host.StartAsync();

        host.DropFile(name, content);
        await host.UntilRejectedAsync(name);

        Assert.Equal(content, await File.ReadAllTextAsync(host.RejectedPath(name)));
        var reasonFile = await File.ReadAllLinesAsync(host.RejectedPath(name) + ".reason.txt");
        Assert.Contains($"file: {name}", reasonFile);
        Assert.Contains($"reason: {reason}", reasonFile);
        Assert.Contains($"line: {line}", reasonFile);
        Assert.Contains(reasonFile, l => l.StartsWith("detail: ", StringComparison.Ordinal) && l.Length > 20);
        Assert.Contains(reasonFile, l => l.StartsWith("rejected at: 20", StringComparison.Ordinal) && l.EndsWith("+07:00", StringComparison.Ordinal));
        Assert.Equal(0, host.Sink.Attempts);
        // The file is moved just before its rejection is counted.
        await EnvMonitoring.Testing.Eventually.UntilAsync(() => host.Counters.FilesRejected == 1, IntakeHost.Patience, "the rejection is counted");
        Assert.Equal(0, host.Counters.FilesIngested);
        Assert.False(File.Exists(Path.Combine(host.Drop, name)));
        Assert.False(Directory.EnumerateFiles(host.Archive, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Never_half_ingests_a_file_whose_last_line_is_bad_and_goes_on_with_the_next()
    {
        await using var host = new IntakeHost();
        host.Log.ExpectEvent("Rejected", "a rejected file is logged as a warning (the scenario drops a bad file)");
        var (goodName, goodContent) = StationFiles.PH("20250315103500", 7.3);
        host.DropFile(StationFiles.Name, StationFiles.Illustration + "NH4\t2.4\tmg/L\t20250315103000\t02\n");
        host.DropFile(goodName, goodContent);
        await host.StartAsync();

        await host.UntilRejectedAsync(StationFiles.Name);
        await host.UntilArchivedAsync(goodName);

        var append = Assert.Single(host.Sink.Appends);
        Assert.Equal(7.3, Assert.Single(Assert.Single(append).Readings).Value);
    }

    [Fact]
    public async Task Rejects_a_file_larger_than_the_cap_unread()
    {
        await using var host = new IntakeHost();
        host.Log.ExpectEvent("Rejected", "a rejected file is logged as a warning (the scenario drops a bad file)");
        host.Settings["Gateway:Intake:MaxFileBytes"] = "1024";
        await host.StartAsync();

        host.DropFile(StationFiles.Name, string.Concat(Enumerable.Repeat(StationFiles.Illustration, 20)));
        await host.UntilRejectedAsync(StationFiles.Name);

        Assert.Contains("reason: TooLarge", await File.ReadAllLinesAsync(host.RejectedPath(StationFiles.Name) + ".reason.txt"));
    }

    [Fact]
    public async Task Ingests_a_rejected_file_moved_back_after_it_was_fixed_and_overwrites_an_earlier_rejection()
    {
        await using var host = new IntakeHost();
        host.Log.ExpectEvent("Rejected", "a rejected file is logged as a warning (the scenario drops a bad file)");
        await host.StartAsync();
        var broken = StationFiles.Illustration.Replace("41.2", "41,2", StringComparison.Ordinal);

        host.DropFile(StationFiles.Name, "garbage\n");
        await host.UntilRejectedAsync(StationFiles.Name);
        host.DropFile(StationFiles.Name, broken);
        await Eventually.UntilAsync(
            async () => (await File.ReadAllTextAsync(host.RejectedPath(StationFiles.Name))) == broken &&
                (await File.ReadAllTextAsync(host.RejectedPath(StationFiles.Name) + ".reason.txt")).Contains("reason: InvalidValue", StringComparison.Ordinal),
            IntakeHost.Patience, "the second rejection replaced the first");

        // The operator's retry (docs/edge-intake.md): fix the file, move it back, delete the reason.
        await File.WriteAllTextAsync(host.RejectedPath(StationFiles.Name), StationFiles.Illustration);
        File.Move(host.RejectedPath(StationFiles.Name), Path.Combine(host.Drop, StationFiles.Name));
        File.Delete(host.RejectedPath(StationFiles.Name) + ".reason.txt");
        await host.UntilArchivedAsync(StationFiles.Name);

        StationFiles.AssertIllustrationSample(Assert.Single(host.Sink.Samples));
        Assert.Empty(Directory.GetFiles(host.Rejected));
        await EnvMonitoring.Testing.Eventually.UntilAsync(() => host.Counters.FilesRejected == 2, IntakeHost.Patience, "both rejections are counted");
        Assert.Equal(1, host.Counters.FilesIngested);
    }

    [Fact]
    public async Task Logs_each_rejection_as_a_warning_naming_the_file_and_reason()
    {
        await using var host = new IntakeHost();
        host.Log.ExpectEvent("Rejected", "a rejected file is logged as a warning (the scenario drops a bad file)");
        await host.StartAsync();

        host.DropFile(StationFiles.Name, "pH\tx\t-\t20250315103000\t00\n");
        await host.UntilRejectedAsync(StationFiles.Name);

        var warning = Assert.Single(host.Log.Entries, e => e.Is("Rejected"));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(StationFiles.Name, warning.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidValue at line 1", warning.Message, StringComparison.Ordinal);
    }
}
