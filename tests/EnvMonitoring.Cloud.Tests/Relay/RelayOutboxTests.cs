using EnvMonitoring.Cloud.Relay;

namespace EnvMonitoring.Cloud.Tests.Relay;

/// <summary>The outbox on disk: what was committed survives a reopen; what was staged after the cursor does not.</summary>
public sealed class RelayOutboxTests : IDisposable
{
    private static readonly DateTimeOffset Interval = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("envmon-relay-outbox-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static RelayFile File(string station, int minutes, string content) =>
        new(station, Interval.AddMinutes(minutes), $"up/{station}_{minutes}.txt", System.Text.Encoding.UTF8.GetBytes(content), Correction: false);

    [Fact]
    public void Committed_files_come_back_in_order_after_a_reopen()
    {
        var outbox = RelayOutbox.Open(_directory);
        outbox.Commit(new RelayCursor(Interval, 0));
        outbox.Stage(0, File("A", 0, "a0"));
        outbox.Stage(1, File("B", 0, "b0"));
        outbox.Commit(new RelayCursor(Interval.AddMinutes(5), 2));
        outbox.Stage(2, File("A", 5, "a5")); // staged, not committed: the host stopped here

        var reopened = RelayOutbox.Open(_directory);

        Assert.Equal(new RelayCursor(Interval.AddMinutes(5), 2), reopened.Cursor);
        Assert.Equal(2, reopened.Count);
        var first = reopened.Peek()!.Value;
        Assert.Equal((0L, "up/A_0.txt", "a0"), (first.Seq, first.File.RemotePath, System.Text.Encoding.UTF8.GetString(first.File.Content)));
        reopened.Remove(first.Seq);
        Assert.Equal("up/B_0.txt", reopened.Peek()!.Value.File.RemotePath);
        Assert.False(System.IO.File.Exists(Path.Combine(_directory, "000000000002.entry")), "a file staged after the cursor is staged again, whole");
    }

    [Fact]
    public void Digests_keep_what_was_staged_within_the_window_across_a_reopen()
    {
        using (var digests = RelayDigests.Open(_directory, Interval.AddDays(-1)))
        {
            digests.Put("A", Interval.AddDays(-2), 1);
            digests.Put("A", Interval, 42);
            digests.Flush();
        }

        using var reopened = RelayDigests.Open(_directory, Interval.AddDays(-1));
        Assert.Equal(42UL, reopened.Get("A", Interval));
        Assert.Null(reopened.Get("A", Interval.AddDays(-2)));
    }
}
