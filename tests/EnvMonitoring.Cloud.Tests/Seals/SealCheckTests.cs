using System.Security.Cryptography;
using EnvMonitoring.Evidence.Seals;

namespace EnvMonitoring.Cloud.Tests.Seals;

/// <summary>
/// The pure check behind <c>/api/integrity</c>, <c>verify-seals</c> and <c>verify-export</c>: what it
/// finds when a stored station-day differs from its seals, and what it lets pass.
/// </summary>
public sealed class SealCheckTests : IDisposable
{
    private readonly SealFixture _seals = new();

    [Fact]
    public void A_day_stored_as_sealed_is_intact_across_versions()
    {
        StoredItem[] morning = [_seals.Sample(0, 40), _seals.Sample(1, 41), _seals.Event(1, 7, """{"kind":"Opened"}""")];
        StoredItem[] late = [_seals.Sample(2, 42)];
        var v1 = _seals.Seal(null, morning);
        var v2 = _seals.Seal(v1, late, closed: true);

        var day = _seals.Verify([v2, v1], [.. morning, .. late]);

        Assert.Equal(DayVerdict.Intact, day.Verdict);
        Assert.Empty(day.Findings);
        Assert.Equal([v1.Id, v2.Id], day.Seals);
        Assert.Equal((3, 1, 0), (day.SealedSamples, day.SealedEvents, day.AwaitingSeal));
    }

    [Fact]
    public void A_changed_value_is_named_with_its_parameter_time_and_stored_value()
    {
        var seal = _seals.Seal(null, [_seals.Sample(0, 40), _seals.Sample(1, 41)]);

        var day = _seals.Verify([seal], [_seals.Sample(0, 40), _seals.Sample(1, 20.5)]);

        Assert.Equal(DayVerdict.Tampered, day.Verdict);
        var finding = Assert.Single(day.Findings);
        Assert.Equal((FindingKind.Altered, "COD", SealFixture.At(1)), (finding.Kind, finding.Parameter, finding.Time));
        Assert.Contains("COD=20.5", finding.Detail, StringComparison.Ordinal);
        Assert.Contains("2026-03-15T10:01:00.000+07:00", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_turned_to_calibrating_is_an_alteration()
    {
        var seal = _seals.Seal(null, [_seals.Sample(0, 400)]);

        var day = _seals.Verify([seal], [_seals.Sample(0, 400, codStatus: 1)]);

        var finding = Assert.Single(day.Findings);
        Assert.Equal((FindingKind.Altered, "COD"), (finding.Kind, finding.Parameter));
        Assert.Contains("status 1", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_sample_and_an_inserted_one_are_both_named()
    {
        var seal = _seals.Seal(null, [_seals.Sample(0, 40), _seals.Sample(1, 41)]);

        var day = _seals.Verify([seal], [_seals.Sample(0, 40), _seals.Sample(5, 12)]);

        Assert.Equal(2, day.Findings.Count);
        Assert.Contains(day.Findings, f => f.Kind == FindingKind.Deleted && f.Time == SealFixture.At(1) && f.Parameter is null);
        Assert.Contains(day.Findings, f => f.Kind == FindingKind.Inserted && f.Time == SealFixture.At(5) && f.Detail.Contains("COD=12", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unsealed_item_waiting_for_the_next_seal_is_counted_not_reported()
    {
        var seal = _seals.Seal(null, [_seals.Sample(0, 40)]);
        var waiting = _seals.Sample(1, 41);

        var day = _seals.Verify([seal], [_seals.Sample(0, 40), waiting], key => key == waiting.Item.Key);

        Assert.Equal(DayVerdict.Intact, day.Verdict);
        Assert.Equal(1, day.AwaitingSeal);
    }

    [Fact]
    public void An_edited_alert_event_is_named_by_its_sequence()
    {
        var seal = _seals.Seal(null, [_seals.Event(0, 12, """{"kind":"Resolved","by":"op"}""")]);

        var day = _seals.Verify([seal], [_seals.Event(0, 12, """{"kind":"Resolved","by":"someone else"}""")]);

        var finding = Assert.Single(day.Findings);
        Assert.Equal((FindingKind.Altered, 12L), (finding.Kind, finding.Seq));
    }

    [Fact]
    public void A_seal_signed_by_another_key_or_edited_after_signing_does_not_hold()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var items = new[] { _seals.Sample(0, 40) };
        var foreign = _seals.Seal(null, items, key: other);
        var genuine = _seals.Seal(null, items);
        var edited = genuine with { Document = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(genuine.Document).Replace("\"closed\":false", "\"closed\":true", StringComparison.Ordinal)) };
        var unreadable = genuine with { Document = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(genuine.Document).Replace("\"entries\":\"", "\"entries\":\"!", StringComparison.Ordinal)) };

        var byForeignKey = _seals.Verify([foreign], items);
        var byEdit = _seals.Verify([edited], items);
        var byGarbling = _seals.Verify([unreadable], items);

        Assert.Contains(byForeignKey.Findings, f => f.Kind == FindingKind.Seal && f.Detail.Contains(SealKeys.IdOf(other), StringComparison.Ordinal));
        Assert.Contains(byEdit.Findings, f => f.Kind == FindingKind.Seal && f.Detail.Contains("signature does not verify", StringComparison.Ordinal));
        Assert.Contains(byGarbling.Findings, f => f.Kind == FindingKind.Seal && f.Detail.Contains("cannot be read", StringComparison.Ordinal));
        Assert.All([byForeignKey, byEdit, byGarbling], d => Assert.Equal(DayVerdict.Tampered, d.Verdict));
    }

    [Fact]
    public void A_missing_version_breaks_the_link_and_leaves_its_items_unsealed()
    {
        StoredItem[] first = [_seals.Sample(0, 40)];
        StoredItem[] second = [_seals.Sample(1, 41)];
        StoredItem[] third = [_seals.Sample(2, 42)];
        var v1 = _seals.Seal(null, first);
        var v2 = _seals.Seal(v1, second);
        var v3 = _seals.Seal(v2, third);

        var day = _seals.Verify([v1, v3], [.. first, .. second, .. third]);

        Assert.Contains(day.Findings, f => f.Kind == FindingKind.Seal && f.Detail.StartsWith("seal v3", StringComparison.Ordinal));
        Assert.Contains(day.Findings, f => f.Kind == FindingKind.Inserted && f.Time == SealFixture.At(1));
    }

    [Fact]
    public void A_day_without_seals_is_unsealed_unless_its_items_are_unexplained()
    {
        Assert.Equal(DayVerdict.Unsealed, _seals.Verify([], [_seals.Sample(0, 40)], _ => true).Verdict);
        Assert.Equal(DayVerdict.Tampered, _seals.Verify([], [_seals.Sample(0, 40)]).Verdict);
    }

    [Fact]
    public void The_chain_over_canonical_records_matches_an_independent_computation()
    {
        // Recomputed here from the documented encoding (docs/evidence.md), not through the encoder.
        static byte[] Name(string text) => [(byte)text.Length, .. System.Text.Encoding.ASCII.GetBytes(text)];
        static byte[] Int64(long value) => BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value));
        static byte[] Reading(string code, double value, byte status) => [.. Name(code), .. Int64(BitConverter.DoubleToInt64Bits(value)), status];
        byte[] record = [(byte)'S', .. Name("TS-01"), .. Int64(SealFixture.At(0)), 2, .. Reading("COD", 40.5, 0), .. Reading("pH", 7.1, 0)];
        var genesis = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes("envmon-seal/1\tTS-01\t2026-03-15\n"));
        var expected = SHA256.HashData([.. genesis, .. record]);

        var seal = _seals.Seal(null, [_seals.Sample(0, 40.5)]);

        Assert.Equal(Convert.ToHexStringLower(genesis), seal.Parsed.Start);
        Assert.Equal(Convert.ToHexStringLower(expected), seal.Parsed.Head);
    }

    public void Dispose() => _seals.Dispose();
}
