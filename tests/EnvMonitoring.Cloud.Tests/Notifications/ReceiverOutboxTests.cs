using EnvMonitoring.Cloud.Notifications;
using EnvMonitoring.Cloud.Notifications.Outbox;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Testing.Logging;

namespace EnvMonitoring.Cloud.Tests.Notifications;

/// <summary>
/// A receiver's outbox on disk: what was kept comes back after a reopen (a restart or a crash), in
/// order, with the same delivery ids; what was settled does not; a torn tail is cut; it is bounded,
/// private, exclusive, and stays small however much went through it.
/// </summary>
public sealed class ReceiverOutboxTests : IDisposable
{
    private const string FileName = "webhook-ops.outbox";
    private readonly string _directory = Directory.CreateTempSubdirectory("envmon-outbox-test-").FullName;
    private readonly TestLog _log = new();

    private string Path => System.IO.Path.Combine(_directory, FileName);

    [Fact]
    public void Kept_deliveries_come_back_after_a_reopen_in_order_and_settled_ones_do_not()
    {
        string[] ids;
        using (var outbox = Open(10, out var nothing))
        {
            Assert.Empty(nothing);
            var entries = Enumerable.Range(1, 4).Select(i => Append(outbox, i)).ToList();
            ids = [.. entries.Select(e => e.Delivery.Id)];
            outbox.Settle(entries[1].Sequence);
            outbox.Settle(entries[1].Sequence); // twice: harmless
            Assert.Equal(3, outbox.Count);
        }

        using var reopened = Open(10, out var waiting);

        Assert.Equal([1L, 3L, 4L], waiting.Select(e => e.Delivery.Notice.Event.Sequence));
        Assert.Equal([ids[0], ids[2], ids[3]], waiting.Select(e => e.Delivery.Id));
        var first = waiting[0].Delivery;
        Assert.Equal(("OutboxPark", "OB-01", "Nhà máy XLNT tập trung Yên Bình", Severity.From2), (first.Notice.Park, first.Notice.Station, first.Notice.StationName, first.Peak));
        Assert.Equal(Notices.MeasuredAt, first.Notice.Event.MeasuredAt);
        Assert.Equal(3, reopened.Count);
        // Numbers go on after the last one: a new delivery never takes a settled one's number.
        Assert.True(Append(reopened, 5).Sequence > waiting[^1].Sequence);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path));
        }
    }

    [Fact]
    public void A_torn_record_at_the_end_is_cut_and_what_came_before_is_kept()
    {
        using (var outbox = Open(10, out _))
        {
            Append(outbox, 1);
            Append(outbox, 2);
        }

        // The host died writing a third record: half of it reached the disk.
        var whole = File.ReadAllBytes(Path);
        var third = whole[(whole.Length / 2)..];
        File.AppendAllBytes(Path, third[..(third.Length / 2)]);
        _log.ExpectEvent("OutboxTornTail", "the test leaves half a record at the end of the file");

        using (var outbox = Open(10, out var waiting))
        {
            Assert.Equal([1L, 2L], waiting.Select(e => e.Delivery.Notice.Event.Sequence));
            Append(outbox, 3);
        }

        using var again = Open(10, out var after);
        Assert.Equal([1L, 2L, 3L], after.Select(e => e.Delivery.Notice.Event.Sequence));
    }

    [Fact]
    public void A_full_outbox_refuses_a_new_delivery_and_keeps_the_waiting_ones()
    {
        using (var outbox = Open(2, out _))
        {
            var first = Append(outbox, 1);
            Append(outbox, 2);

            Assert.False(outbox.TryAppend(Delivery(3), out _));
            Assert.Equal(2, outbox.Count);
            outbox.Settle(first.Sequence);
            Assert.True(outbox.TryAppend(Delivery(4), out _));
        }

        using var reopened = Open(2, out var waiting);
        Assert.Equal([2L, 4L], waiting.Select(e => e.Delivery.Notice.Event.Sequence));
    }

    [Fact]
    public void The_file_stays_small_however_many_deliveries_went_through()
    {
        long largest = 0;
        using (var outbox = Open(1000, out _))
        {
            for (var i = 1; i <= 600; i++)
            {
                var entry = Append(outbox, i);
                if (i % 100 != 0)
                {
                    outbox.Settle(entry.Sequence);
                }

                largest = Math.Max(largest, new FileInfo(Path).Length);
            }
        }

        using var reopened = Open(1000, out var waiting);
        Assert.Equal([100L, 200L, 300L, 400L, 500L, 600L], waiting.Select(e => e.Delivery.Notice.Event.Sequence));
        // 600 deliveries of about 700 bytes went through; the file never held more than a fraction of them.
        Assert.True(largest < 200_000, $"the file grew to {largest} bytes");
        Assert.True(new FileInfo(Path).Length < 10_000, $"the file is {new FileInfo(Path).Length} bytes after a reopen");
        Assert.False(File.Exists(Path + ".tmp"));
    }

    [Fact]
    public void A_second_host_on_the_same_folder_cannot_open_the_outbox()
    {
        using var outbox = Open(10, out _);

        var error = Assert.Throws<IOException>(() => Open(10, out _));

        Assert.Contains("is another host using it?", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        _log.Dispose();
    }

    private static Delivery Delivery(long sequence) =>
        new("ops", Notices.Cod("OutboxPark", "OB-01", AlertEventKind.Opened, Severity.From2, 2.2, sequence), Severity.From2, Notices.MeasuredAt.AddSeconds(2));

    private static OutboxEntry Append(ReceiverOutbox outbox, long sequence)
    {
        Assert.True(outbox.TryAppend(Delivery(sequence), out var entry));
        return entry;
    }

    private ReceiverOutbox Open(int capacity, out IReadOnlyList<OutboxEntry> waiting)
    {
        var (outbox, kept) = ReceiverOutbox.Open(_directory, FileName, "ops", capacity, _log.CreateLogger("outbox"));
        waiting = kept;
        return outbox;
    }
}
