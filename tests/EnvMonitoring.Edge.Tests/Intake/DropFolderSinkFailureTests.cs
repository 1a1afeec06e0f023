using EnvMonitoring.Edge.Log;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Edge.Tests.Intake;

/// <summary>When the log cannot take a file, the file stays in the drop folder and is tried again: never half-ingested, never lost.</summary>
public sealed class DropFolderSinkFailureTests
{
    [Fact]
    public async Task Keeps_a_file_the_full_log_refused_and_ingests_it_on_a_later_pass()
    {
        await using var host = new IntakeHost();
        host.Log.ExpectEvent("AppendFailed", "the log refuses the file while it is full (the scenario)");
        host.Sink.FailWith(new LogFullException("the gateway's backlog reached its cap"));
        await host.StartAsync();

        host.DropFile(StationFiles.Name, StationFiles.Illustration);
        await Eventually.UntilAsync(() => host.Sink.Attempts >= 2, IntakeHost.Patience, "the intake tried the file on two passes");

        Assert.True(File.Exists(Path.Combine(host.Drop, StationFiles.Name)));
        Assert.Empty(host.Sink.Appends);
        Assert.Empty(Directory.GetFiles(host.Rejected));
        Assert.True(host.Counters.AppendFailures >= 2);
        Assert.Contains(host.Log.Entries, e => e.Is("AppendFailed") && e.Level == LogLevel.Warning && e.Exception is LogFullException);

        host.Sink.FailWith(null);
        await host.UntilArchivedAsync(StationFiles.Name);

        StationFiles.AssertIllustrationSample(Assert.Single(Assert.Single(host.Sink.Appends)));
        Assert.Equal((1, 0), (host.Counters.FilesIngested, host.Counters.FilesRejected));
    }

    [Fact]
    public async Task Stops_the_pass_at_the_first_refused_file_so_name_order_holds_afterwards()
    {
        await using var host = new IntakeHost();
        var first = StationFiles.PH("20250315103000", 7.2);
        var second = StationFiles.PH("20250315103500", 7.3);
        host.DropFile(first.Name, first.Content);
        host.DropFile(second.Name, second.Content);
        host.Sink.FailWith(new LogFullException("full"));
        host.Log.ExpectEvent("AppendFailed", "the log refuses the files while it is full (the scenario)");
        await host.StartAsync();

        await Eventually.UntilAsync(() => host.Sink.Attempts >= 3, IntakeHost.Patience, "several passes failed");
        Assert.Equal(host.Counters.AppendFailures, host.Sink.Attempts);
        Assert.True(host.Counters.Scans >= host.Sink.Attempts - 1, "one refused append per pass");

        host.Sink.FailWith(null);
        await host.UntilArchivedAsync(first.Name);
        await host.UntilArchivedAsync(second.Name);

        Assert.Equal([7.2, 7.3], host.Sink.Samples.Select(s => Assert.Single(s.Readings).Value));
    }

    [Fact]
    public async Task Leaves_the_file_in_place_when_the_gateway_stops_during_the_append()
    {
        var host = new IntakeHost();
        try
        {
            host.Sink.Hang(true);
            await host.StartAsync();
            host.DropFile(StationFiles.Name, StationFiles.Illustration);
            await Eventually.UntilAsync(() => host.Sink.Attempts == 1, IntakeHost.Patience, "the append started");

            await host.StopAsync();

            Assert.True(File.Exists(Path.Combine(host.Drop, StationFiles.Name)));
            Assert.Empty(host.Sink.Appends);
            Assert.Empty(Directory.GetFiles(host.Archive, "*", SearchOption.AllDirectories));
            Assert.Equal(0, host.Counters.AppendFailures);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
