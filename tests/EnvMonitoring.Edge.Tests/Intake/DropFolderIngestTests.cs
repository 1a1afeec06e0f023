using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Edge.Tests.Intake;

/// <summary>Good files land in the log as the samples they mean, then move to archive/yyyy/MM/dd.</summary>
public sealed class DropFolderIngestTests
{
    [Fact]
    public async Task Ingests_the_DOMAIN_example_with_one_append_and_archives_it()
    {
        await using var host = new IntakeHost();
        await host.StartAsync();

        host.DropFile(StationFiles.Name, StationFiles.Illustration);
        await host.UntilArchivedAsync(StationFiles.Name);

        var append = Assert.Single(host.Sink.Appends);
        StationFiles.AssertIllustrationSample(Assert.Single(append));
        Assert.Equal(StationFiles.Illustration, await File.ReadAllTextAsync(host.ArchivedPath(StationFiles.Name)));
        Assert.False(File.Exists(Path.Combine(host.Drop, StationFiles.Name)));
        Assert.Equal((1, 0, 1), (host.Counters.FilesIngested, host.Counters.FilesRejected, host.Counters.SamplesIngested));
    }

    [Theory]
    [MemberData(nameof(StationFiles.Variants), MemberType = typeof(StationFiles))]
    public async Task Ingests_each_tolerated_variant_as_the_same_sample(string variant, string content)
    {
        await using var host = new IntakeHost();
        await host.StartAsync();

        host.DropFile(StationFiles.Name, content);
        await host.UntilArchivedAsync(StationFiles.Name);

        Assert.False(string.IsNullOrEmpty(variant));
        StationFiles.AssertIllustrationSample(Assert.Single(Assert.Single(host.Sink.Appends)));
    }

    [Fact]
    public async Task Ingests_files_waiting_at_start_in_name_order()
    {
        await using var host = new IntakeHost();
        var files = new[]
        {
            StationFiles.PH("20250315104000", 7.4, IntakeHost.OtherFileStation),
            StationFiles.PH("20250315103500", 7.3),
            StationFiles.PH("20250315103000", 7.2),
            StationFiles.PH("20250315104500", 7.5),
        };
        foreach (var (name, content) in files)
        {
            host.DropFile(name, content);
        }

        await host.StartAsync();
        foreach (var (name, _) in files)
        {
            await host.UntilArchivedAsync(name);
        }

        Assert.Equal(
        [
            (IntakeHost.OtherStation, 7.4),
            (IntakeHost.Station, 7.2),
            (IntakeHost.Station, 7.3),
            (IntakeHost.Station, 7.5),
        ],
            host.Sink.Appends.Select(a => (Assert.Single(a).Station, Assert.Single(Assert.Single(a).Readings).Value)));
    }

    [Fact]
    public async Task Appends_all_timestamps_of_a_file_at_once_with_the_station_mapping_and_factor()
    {
        await using var host = new IntakeHost();
        await host.StartAsync();

        const string name = "TN_SC2_NUOC01_20250315104000.txt";
        host.DropFile(name, "Flow_lps 10 l/s 20250315103500 00\nFlow_lps 20 L/S 20250315104000 01\nTSS 12 mg/L 20250315104000 00\n");
        await host.UntilArchivedAsync(name);

        var append = Assert.Single(host.Sink.Appends);
        Assert.Equal(2, append.Count);
        Assert.All(append, s => Assert.Equal(IntakeHost.OtherStation, s.Station));
        Assert.Equal(
            [("FlowOut", 36.0, DeviceStatus.Measuring), ("TSS", 12.0, DeviceStatus.Measuring), ("FlowOut", 72.0, DeviceStatus.Calibrating)],
            append.SelectMany(s => s.Readings).Select(r => (r.Parameter.Code, Math.Round(r.Value, 9), r.Status)));
    }

    [Fact]
    public async Task A_file_dropped_again_with_other_content_is_rejected_as_a_conflict_and_the_archived_original_stays()
    {
        await using var host = new IntakeHost();
        host.Log.Expect(e => e.Is("Rejected") && e.Message.Contains("Conflict", StringComparison.Ordinal), "the scenario drops a file of an archived name with other values");
        await host.StartAsync();
        host.DropFile(StationFiles.Name, StationFiles.Illustration);
        await host.UntilArchivedAsync(StationFiles.Name);
        var archivedAt = File.GetLastWriteTimeUtc(host.ArchivedPath(StationFiles.Name));

        var rewritten = StationFiles.Illustration.Replace("152.4", "152.5", StringComparison.Ordinal);
        host.DropFile(StationFiles.Name, rewritten);
        await host.UntilRejectedAsync(StationFiles.Name);

        Assert.Equal(StationFiles.Illustration, await File.ReadAllTextAsync(host.ArchivedPath(StationFiles.Name)));
        Assert.Equal(archivedAt, File.GetLastWriteTimeUtc(host.ArchivedPath(StationFiles.Name)));
        Assert.Single(Directory.GetFiles(host.Archive, "*", SearchOption.AllDirectories));
        Assert.Equal(rewritten, await File.ReadAllTextAsync(host.RejectedPath(StationFiles.Name)));
        var reason = await File.ReadAllLinesAsync(host.RejectedPath(StationFiles.Name) + ".reason.txt");
        Assert.Contains("reason: Conflict", reason);
        Assert.Contains(reason, l => l.StartsWith("detail: ", StringComparison.Ordinal) && l.Contains(host.ArchivedPath(StationFiles.Name), StringComparison.Ordinal));
        Assert.Single(host.Sink.Appends);
        await Eventually.UntilAsync(() => host.Counters.FilesRejected == 1, IntakeHost.Patience, "the conflict is counted as a rejection");
        Assert.False(File.Exists(Path.Combine(host.Drop, StationFiles.Name)));
    }

    [Fact]
    public async Task A_file_dropped_again_with_the_same_content_is_skipped_as_a_duplicate()
    {
        await using var host = new IntakeHost();
        await host.StartAsync();
        host.DropFile(StationFiles.Name, StationFiles.Illustration);
        await host.UntilArchivedAsync(StationFiles.Name);

        host.DropFile(StationFiles.Name, StationFiles.Illustration);
        await Eventually.UntilAsync(() => host.Counters.DuplicatesSkipped == 1 && !File.Exists(Path.Combine(host.Drop, StationFiles.Name)),
            IntakeHost.Patience, "the copy is skipped and removed from the drop folder");

        Assert.Single(host.Sink.Appends);
        Assert.Equal(StationFiles.Illustration, await File.ReadAllTextAsync(host.ArchivedPath(StationFiles.Name)));
        Assert.Empty(Directory.GetFiles(host.Rejected));
        Assert.Contains(host.Log.Entries, e => e.Is("Duplicate") && e.Level == Microsoft.Extensions.Logging.LogLevel.Information);
    }

    [Fact]
    public async Task Archives_by_the_local_day_in_the_name_and_keeps_the_name_as_written()
    {
        await using var host = new IntakeHost();
        await host.StartAsync();

        // 23:55 on 31 Dec in Vietnam is still 31 Dec, though it is 16:55 UTC.
        const string name = "TN_YBWWTP_NUOC01_20251231235500.TXT";
        host.DropFile(name, "pH 7 - 20251231235500 00\n");
        await host.UntilArchivedAsync(name, "2025/12/31");

        Assert.Equal(new DateTimeOffset(2025, 12, 31, 23, 55, 0, TimeSpan.FromHours(7)), Assert.Single(host.Sink.Samples).Timestamp);
    }

    [Fact]
    public async Task Leaves_other_files_and_hidden_uploads_alone()
    {
        await using var host = new IntakeHost();
        host.DropFile("TN_YBWWTP_NUOC01_20250315103000.txt.part", StationFiles.Illustration);
        host.DropFile(".in.TN_YBWWTP_NUOC01_20250315103000.txt", StationFiles.Illustration);
        host.DropFile("readme.md", "notes");
        await host.StartAsync();

        host.DropFile(StationFiles.Name, StationFiles.Illustration);
        await host.UntilArchivedAsync(StationFiles.Name);
        await host.UntilPassesAsync(2);

        Assert.Equal(
            [".in.TN_YBWWTP_NUOC01_20250315103000.txt", "TN_YBWWTP_NUOC01_20250315103000.txt.part", "readme.md"],
            Directory.GetFiles(host.Drop).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Single(host.Sink.Appends);
        Assert.Empty(Directory.GetFiles(host.Rejected));
    }
}
