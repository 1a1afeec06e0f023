using EnvMonitoring.Cloud.Ingestion;

namespace EnvMonitoring.Cloud.Tests.Ingestion;

public sealed class StoredLedgerTests
{
    private const string Station = "ST-01";

    [Fact]
    public void Before_it_is_seeded_every_sample_is_unknown()
    {
        var ledger = new StoredLedger(64);

        Assert.Equal(LedgerVerdict.Unknown, ledger.Check(Station, 1_000, 1, null, out _));
    }

    [Fact]
    public void A_station_with_nothing_stored_is_known_from_memory_alone()
    {
        var ledger = Seeded(new Dictionary<string, long>());

        Assert.Equal(LedgerVerdict.New, ledger.Check(Station, 1_000, hash: 11, seq: 5, out _));
        ledger.Record(Station, 1_000, 11, 5, ordinal: 1);

        Assert.Equal(LedgerVerdict.Repeat, ledger.Check(Station, 1_000, hash: 11, seq: 5, out _));
        Assert.Equal(LedgerVerdict.Conflict, ledger.Check(Station, 1_000, hash: 12, seq: 5, out _));
        Assert.Equal(LedgerVerdict.New, ledger.Check(Station, 999, hash: 13, seq: 4, out _));
        Assert.Equal(LedgerVerdict.New, ledger.Check("OTHER", 1_000, hash: 12, seq: 5, out _));
    }

    [Fact]
    public void A_seq_stored_at_one_time_is_a_conflict_at_any_other()
    {
        var ledger = Seeded(new Dictionary<string, long>());
        ledger.Record(Station, 1_000, 11, 5, ordinal: 1);

        Assert.Equal(LedgerVerdict.SequenceReused, ledger.Check(Station, 31_000, hash: 20, seq: 5, out var earlier));
        Assert.Equal(1_000, earlier);
        Assert.Equal(LedgerVerdict.New, ledger.Check(Station, 31_000, hash: 20, seq: 6, out _));
    }

    [Fact]
    public void At_or_below_the_newest_time_stored_before_it_began_only_a_read_can_tell()
    {
        var ledger = Seeded(new Dictionary<string, long> { [Station] = 5_000 });

        Assert.Equal(LedgerVerdict.Unknown, ledger.Check(Station, 5_000, 1, null, out _));
        Assert.Equal(LedgerVerdict.Unknown, ledger.Check(Station, 4_000, 1, null, out _));
        Assert.Equal(LedgerVerdict.New, ledger.Check(Station, 5_001, 1, null, out _));

        // Once this process stored it, memory knows it even below the floor.
        ledger.Record(Station, 4_000, 1, null, ordinal: 1);
        Assert.Equal(LedgerVerdict.Repeat, ledger.Check(Station, 4_000, 1, null, out _));
        Assert.Equal(LedgerVerdict.Conflict, ledger.Check(Station, 4_000, 2, null, out _));
    }

    [Fact]
    public void Trimming_forgets_the_older_stored_half_and_keeps_what_is_still_being_written()
    {
        const int Window = 64;
        var ledger = Seeded(new Dictionary<string, long>());
        for (long t = 0; t < Window; t++)
        {
            ledger.Record(Station, t * 1_000, (ulong)t, t, ordinal: 1);
        }

        // Batch 2 (the two oldest times: a replay) is still in flight when the window overflows.
        ledger.Record(Station, -2_000, 100, null, ordinal: 2);
        ledger.Durable(1);
        ledger.Record(Station, -1_000, 101, null, ordinal: 2);

        Assert.Equal(LedgerVerdict.Unknown, ledger.Check(Station, 0, 0, 0, out _));
        Assert.Equal(LedgerVerdict.Unknown, ledger.Check(Station, 31_000, 31, null, out _));
        Assert.Equal(LedgerVerdict.Repeat, ledger.Check(Station, 33_000, 33, 33, out _));
        Assert.Equal(LedgerVerdict.Conflict, ledger.Check(Station, 63_000, 0, 63, out _));
        Assert.Equal(LedgerVerdict.Repeat, ledger.Check(Station, -2_000, 100, null, out _));
        Assert.Equal(LedgerVerdict.Repeat, ledger.Check(Station, -1_000, 101, null, out _));
        // The forgotten seqs went with their samples: a seq below the floor is no longer a known conflict.
        Assert.Equal(LedgerVerdict.Unknown, ledger.Check(Station, 10_500, 7, 10, out _));
        Assert.Equal(LedgerVerdict.New, ledger.Check(Station, 64_000, 7, 64, out _));
    }

    private static StoredLedger Seeded(Dictionary<string, long> newest)
    {
        var ledger = new StoredLedger(64);
        ledger.Seed(newest);
        return ledger;
    }
}
