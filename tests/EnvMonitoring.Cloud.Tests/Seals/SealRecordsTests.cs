using System.Security.Cryptography;
using System.Text;
using EnvMonitoring.Evidence;
using EnvMonitoring.Evidence.Seals;

namespace EnvMonitoring.Cloud.Tests.Seals;

/// <summary>
/// What an export carries to prove itself, without a server: sealed records read back into the very
/// items that were sealed, and the manifest signature's verdicts.
/// </summary>
public sealed class SealRecordsTests
{
    private const string Station = "YB-WWTP-01";

    [Fact]
    public async Task Records_read_back_into_items_with_the_same_digests_and_entries()
    {
        SealReading[] first = [new("pH", 7.1, 0), new("COD", 0.1 + 0.2, 1)];
        SealReading[] second = [new("TSS", -0.0, 2)];
        const string json = """{"alertId":"YB-WWTP-01/COD","note":"Đã xử lý\tngay"}""";
        List<StoredItem> items =
        [
            new(SealEncoder.Event(Station, 1_800_000_000_000, 7, json), [], json),
            new(SealEncoder.Sample(Station, 1_800_000_300_000, second), second),
            new(SealEncoder.Sample(Station, 1_800_000_000_000, first), first),
        ];

        using var buffer = new MemoryStream();
        await SealRecords.WriteAsync(buffer, Station, items, CancellationToken.None);
        var lines = Encoding.UTF8.GetString(buffer.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var read = await SealRecords.ReadAsync(new MemoryStream(buffer.ToArray()), Station, CancellationToken.None);

        // Chain order: by time, a sample before an event of the same millisecond; a sample's readings by parameter code.
        Assert.Equal(
            [
                $"R\t{Station}\t1800000000000\tCOD\t{BitConverter.DoubleToUInt64Bits(0.1 + 0.2):x16}\t1",
                $"R\t{Station}\t1800000000000\tpH\t{BitConverter.DoubleToUInt64Bits(7.1):x16}\t0",
                $"E\t{Station}\t1800000000000\t7\t{json}",
                $"R\t{Station}\t1800000300000\tTSS\t8000000000000000\t2",
            ],
            lines);
        var expected = items.OrderBy(i => i.Item, Comparer<SealItem>.Create(SealItem.CompareChainOrder)).ToList();
        Assert.Equal(expected.Select(i => (Convert.ToHexStringLower(i.Item.Record), Convert.ToHexStringLower(i.Item.Fingerprints))), read.Select(i => (Convert.ToHexStringLower(i.Item.Record), Convert.ToHexStringLower(i.Item.Fingerprints))));
        Assert.Equal(json, read[1].Json);
    }

    [Theory]
    [InlineData("R\tOTHER-01\t1800000000000\tCOD\t4049000000000000\t0")]
    [InlineData("R\tYB-WWTP-01\t1800000000000\tCOD\t50.0\t0")]
    [InlineData("X\tYB-WWTP-01\t1800000000000\tCOD\t4049000000000000\t0")]
    public async Task A_record_of_another_station_or_malformed_is_refused(string line)
    {
        await Assert.ThrowsAsync<InvalidDataException>(() =>
            SealRecords.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(line + "\n")), Station, CancellationToken.None));
    }

    [Fact]
    public void A_manifest_signature_is_verified_by_a_trusted_key_and_refused_when_changed_or_by_another_key()
    {
        using var centre = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var trusted = new SealKeys();
        trusted.AddPem(centre.ExportSubjectPublicKeyInfoPem());
        var manifest = """{"format":"envmon-evidence/2"}"""u8.ToArray();
        byte[] Sign(ECDsa key, byte[] data) => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var id = SealKeys.IdOf(centre);

        Assert.Equal(SignatureState.Verified, SignatureVerdict.Of(id, manifest, Sign(centre, manifest), trusted, enclosedOnly: false).State);
        Assert.Equal(SignatureState.NotTrusted, SignatureVerdict.Of(id, manifest, Sign(centre, manifest), trusted, enclosedOnly: true).State);
        var changed = """{"format":"envmon-evidence/2","x":1}"""u8.ToArray();
        Assert.Equal(SignatureState.Invalid, SignatureVerdict.Of(id, changed, Sign(centre, manifest), trusted, enclosedOnly: false).State);
        var foreign = SignatureVerdict.Of(SealKeys.IdOf(other), manifest, Sign(other, manifest), trusted, enclosedOnly: false);
        Assert.Equal((SignatureState.UntrustedKey, $"signed by key {SealKeys.IdOf(other)}, not a trusted key"), (foreign.State, foreign.Detail));
        Assert.Equal(SignatureState.Missing, SignatureVerdict.Of(id, manifest, null, trusted, enclosedOnly: false).State);
    }
}
