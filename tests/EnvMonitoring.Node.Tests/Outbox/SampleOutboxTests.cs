using System.Text;
using EnvMonitoring.Node.Outbox;
using EnvMonitoring.Node.Tests.Support;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Testing.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnvMonitoring.Node.Tests.Outbox;

public sealed class SampleOutboxTests : IDisposable
{
    private const string Station = "YB-WWTP-01";
    private const long MaxBytes = 1024 * 1024;
    private static readonly DateTimeOffset Start = new(2026, 3, 15, 10, 0, 0, TimeSpan.FromHours(7));

    private readonly TemporaryDirectory _directory = new();
    private readonly TestLog _log = new();

    [Fact]
    public void Appended_samples_get_consecutive_seq_and_wait_oldest_first()
    {
        using var outbox = Open();

        var samples = Enumerable.Range(0, 3).Select(i => Append(outbox, i)).ToList();

        Assert.Equal([0L, 1L, 2L], samples.Select(s => s.Seq!.Value));
        Assert.True(outbox.TryPeek(out var first));
        Assert.Equal(0, first.Seq);
        Assert.Equal(SampleCodec.EncodeSample(samples[0]), first.Payload.ToArray());
    }

    [Fact]
    public void Unsent_samples_and_the_seq_survive_a_reboot()
    {
        using (var outbox = Open())
        {
            for (var i = 0; i < 5; i++)
            {
                Append(outbox, i);
            }

            Assert.True(outbox.Remove(0, delivered: true));
            Assert.True(outbox.Remove(1, delivered: true));
        }

        using var reopened = Open();

        Assert.Equal(3, reopened.Count);
        Assert.True(reopened.TryPeek(out var oldest));
        Assert.Equal(2, oldest.Seq);
        Assert.Equal(5, Append(reopened, 5).Seq);
    }

    [Fact]
    public void Only_the_oldest_sample_can_be_removed()
    {
        using var outbox = Open();
        Append(outbox, 0);
        Append(outbox, 1);

        Assert.False(outbox.Remove(1, delivered: true));
        Assert.True(outbox.Remove(0, delivered: true));
        Assert.True(outbox.Remove(1, delivered: false));
        Assert.Equal(0, outbox.Count);
    }

    [Fact]
    public void A_record_torn_by_a_power_cut_is_cut_off_and_the_rest_is_kept()
    {
        _log.ExpectEvent("OutboxTornTail", "the test tears the last record, as a power cut does");
        string path;
        using (var outbox = Open())
        {
            Append(outbox, 0);
            Append(outbox, 1);
            path = outbox.Path;
        }

        // Half a record at the end: the append that was under way when the power went.
        var whole = File.ReadAllBytes(path);
        using (var file = new FileStream(path, FileMode.Append))
        {
            file.Write(whole.AsSpan(0, whole.Length / 3));
        }

        using var reopened = Open();

        Assert.Equal(2, reopened.Count);
        Assert.Equal(whole.Length, new FileInfo(path).Length);
        Assert.Equal(2, Append(reopened, 2).Seq);
        Assert.Contains(_log.Entries, e => e.Is("OutboxTornTail"));
    }

    [Fact]
    public void A_corrupt_record_ends_what_is_trusted()
    {
        _log.ExpectEvent("OutboxTornTail", "the flipped byte makes the last record unreadable, which the outbox cuts off like a torn one");
        string path;
        using (var outbox = Open())
        {
            Append(outbox, 0);
            Append(outbox, 1);
            path = outbox.Path;
        }

        var bytes = File.ReadAllBytes(path);
        bytes[^5] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        using var reopened = Open();

        Assert.Equal(1, reopened.Count);
        Assert.Equal(1, reopened.NextSeq);
    }

    [Fact]
    public void Compaction_keeps_the_file_small_and_the_seq_running()
    {
        string path;
        using (var outbox = Open())
        {
            for (var i = 0; i < 2000; i++)
            {
                var sample = Append(outbox, i);
                Assert.True(outbox.Remove(sample.Seq!.Value, delivered: true));
            }

            Append(outbox, 2000);
            path = outbox.Path;
        }

        Assert.True(new FileInfo(path).Length < 300 * 1024, $"the outbox file is {new FileInfo(path).Length} bytes");
        using var reopened = Open();
        Assert.Equal(1, reopened.Count);
        Assert.True(reopened.TryPeek(out var pending));
        Assert.Equal(2000, pending.Seq);
        Assert.Equal(2001, Append(reopened, 2001).Seq);
    }

    [Fact]
    public void A_full_outbox_drops_its_oldest_sample_and_says_so()
    {
        _log.ExpectEvent("OutboxFull", "the test fills a 2 KiB outbox");
        using var outbox = SampleOutbox.Open(_directory.Path, Station, maxBytes: 2048, _log.CreateLogger("outbox"));
        var size = SampleCodec.EncodeSample(Sample(0)).Length;

        for (var i = 0; i < 20; i++)
        {
            Append(outbox, i);
        }

        // The samples carry their seq, a few bytes more than the one measured here.
        Assert.InRange(outbox.Count, 2048 / (size + 12), 2048 / size);
        Assert.True(outbox.TryPeek(out var oldest));
        Assert.Equal(20 - outbox.Count, oldest.Seq);
        Assert.Contains(_log.Entries, e => e.Is("OutboxFull") && e.Level == LogLevel.Error);
    }

    [Fact]
    public void A_second_node_process_cannot_open_the_same_outbox()
    {
        using var outbox = Open();

        var error = Assert.Throws<IOException>(() => SampleOutbox.Open(_directory.Path, Station, MaxBytes, NullLogger.Instance));

        Assert.Contains("another node process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_returns_when_a_sample_arrives()
    {
        using var outbox = Open();
        var waiting = outbox.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        Append(outbox, 0);

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(await Open2().WaitAsync(TimeSpan.FromMilliseconds(20), TimeProvider.System, CancellationToken.None));

        SampleOutbox Open2() => SampleOutbox.Open(Path.Combine(_directory.Path, "other"), "YB-TEXTILE-01", MaxBytes, NullLogger.Instance);
    }

    public void Dispose()
    {
        _directory.Dispose();
        _log.Dispose();
    }

    private static Sample Sample(int i) =>
        new(Station, Start.AddMinutes(i), [new Reading(ParameterCatalog.Default["pH"], 7.1), new Reading(ParameterCatalog.Default["COD"], 40 + i, DeviceStatus.Calibrating)]);

    private static Sample Append(SampleOutbox outbox, int i)
    {
        var sample = Sample(i);
        var appended = outbox.Append(sample.Timestamp, sample.Readings);
        Assert.Contains($"\"seq\":{appended.Seq}", Encoding.UTF8.GetString(SampleCodec.EncodeSample(appended)), StringComparison.Ordinal);
        return appended;
    }

    private SampleOutbox Open() => SampleOutbox.Open(_directory.Path, Station, MaxBytes, _log.CreateLogger("outbox"));
}
