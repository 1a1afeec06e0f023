using EnvMonitoring.Cloud.Quarantine;
using EnvMonitoring.Protocol.Codec;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Tests.Quarantine;

public sealed class QuarantineStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("quarantine-test-").FullName;

    [Fact]
    public void Entries_survive_a_restart_newest_first_with_the_payload_on_the_first_rejection()
    {
        using (var store = Open())
        {
            store.Add("envmon/P/S1/telemetry", [new Rejection(RejectionReason.UnknownParameter, "$.values", "'cod' is not…"),
                new Rejection(RejectionReason.WrongType, "$.values.pH", "pH must be a number")], "{\"station\":\"S1\"}"u8);
            store.Add("envmon/P/S2/telemetry", QuarantineStore.RefusedByStorage, "line", "field type conflict", "sample,park=P,station=S2 COD=1 1");
            store.Sync();
        }

        using var reopened = Open();
        var entries = reopened.Latest(10);
        Assert.Equal(["RefusedByStorage", "WrongType", "UnknownParameter"], entries.Select(e => e.Reason));
        Assert.Equal("{\"station\":\"S1\"}", entries[2].Payload);
        Assert.Equal(16, entries[2].PayloadBytes);
        Assert.Null(entries[1].Payload);
        Assert.Equal("envmon/P/S2/telemetry", entries[0].Topic);
    }

    [Fact]
    public void Stays_within_its_disk_cap_and_keeps_the_newest_entries()
    {
        const long cap = 1024 * 1024;
        using (var store = Open(cap))
        {
            for (var i = 0; i < 20_000; i++)
            {
                store.Add("envmon/P/S1/telemetry", "NotJson", "$", $"entry {i} " + new string('x', 100));
            }

            store.Sync();
        }

        var bytes = Directory.GetFiles(Path.Combine(_root, "q")).Sum(f => new FileInfo(f).Length);
        Assert.InRange(bytes, cap / 4, cap);
        using var reopened = Open(cap);
        Assert.StartsWith("entry 19999 ", reopened.Latest(1)[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_cut_short_by_a_crash_is_skipped_on_reload()
    {
        using (var store = Open())
        {
            store.Add("t", "NotJson", "$", "kept");
            store.Sync();
        }

        File.AppendAllText(Path.Combine(_root, "q", "quarantine.jsonl"), "{\"receivedAt\":\"2026-");
        using var reopened = Open();
        Assert.Equal("kept", Assert.Single(reopened.Latest(10)).Detail);
    }

    [Fact]
    public void Counts_entries_per_reason()
    {
        using var store = Open();
        store.Add("t", "NotJson", "$", "a");
        store.Add("t", "NotJson", "$", "b");
        store.Add("t", "TooLarge", "$", "c");

        Assert.Equal(2, store.CountsByReason["NotJson"]);
        Assert.Equal(1, store.CountsByReason["TooLarge"]);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private QuarantineStore Open(long maxBytes = 256L * 1024 * 1024) => new(
        Options.Create(new QuarantineOptions { Directory = "q", MaxBytes = maxBytes }),
        new HostingEnvironment { ContentRootPath = _root },
        TimeProvider.System);
}
