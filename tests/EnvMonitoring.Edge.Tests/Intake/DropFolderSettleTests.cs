using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Edge.Tests.Intake;

/// <summary>
/// FTP servers write a file progressively under its final name: it is read only after its size and
/// modification time have stayed the same for the settle time, on a clock the test drives.
/// </summary>
public sealed class DropFolderSettleTests
{
    [Fact]
    public async Task Waits_while_a_file_is_being_written_and_ingests_it_whole_once_settled()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 3, 31, 0, TimeSpan.Zero));
        await using var host = new IntakeHost();
        host.Settings["Gateway:Intake:SettleTime"] = "00:00:02";
        host.Settings["Gateway:Intake:PollInterval"] = "00:00:01";
        await host.StartAsync(clock);
        await host.UntilStartedAsync();
        var path = Path.Combine(host.Drop, StationFiles.Name);
        var lines = StationFiles.Illustration.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // One line a second, as a slow FTP upload would: four seconds, twice the settle time.
        foreach (var line in lines)
        {
            await File.AppendAllTextAsync(path, line + "\n");
            await PassAfterAsync(host, clock, TimeSpan.FromSeconds(1));
        }

        // The last line is at most one second old: not yet.
        Assert.Equal(0, host.Sink.Attempts);
        Assert.True(File.Exists(path));

        // Unchanged for two seconds since the first pass that saw the last line: taken whole.
        for (var step = 0; step < 3 && host.Sink.Attempts == 0; step++)
        {
            await PassAfterAsync(host, clock, TimeSpan.FromSeconds(1));
        }

        await host.UntilArchivedAsync(StationFiles.Name);
        StationFiles.AssertIllustrationSample(Assert.Single(Assert.Single(host.Sink.Appends)));
    }

    [Fact]
    public async Task Does_not_let_one_unsettled_file_hold_back_a_settled_one()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 3, 31, 0, TimeSpan.Zero));
        await using var host = new IntakeHost();
        host.Settings["Gateway:Intake:SettleTime"] = "00:00:02";
        host.Settings["Gateway:Intake:PollInterval"] = "00:00:01";
        var (settledName, settledContent) = StationFiles.PH("20250315103500", 7.3);
        host.DropFile(settledName, settledContent);
        await host.StartAsync(clock);
        await host.UntilStartedAsync();

        var growing = Path.Combine(host.Drop, StationFiles.Name);
        await File.AppendAllTextAsync(growing, "Flow_in\t152.4\tm3/h\t20250315103000\t00\n");
        await PassAfterAsync(host, clock, TimeSpan.FromSeconds(1));
        await File.AppendAllTextAsync(growing, "pH\t7.21\t-\t20250315103000\t00\n");
        clock.Advance(TimeSpan.FromSeconds(1));
        await host.UntilArchivedAsync(settledName);

        Assert.True(File.Exists(growing));
        Assert.Equal(7.3, Assert.Single(Assert.Single(host.Sink.Samples).Readings).Value);
    }

    private static async Task PassAfterAsync(IntakeHost host, FakeTimeProvider clock, TimeSpan step)
    {
        var passes = host.Counters.Scans;
        clock.Advance(step);
        await EnvMonitoring.Testing.Eventually.UntilAsync(() => host.Counters.Scans > passes, IntakeHost.Patience, "a pass after the clock moved");
    }
}
