using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// The hash chain of a station's legal day (docs/evidence.md, "The chain"): it starts at
/// <see cref="Genesis"/>, SHA-256 of <c>envmon-seal/1\t{station}\t{yyyy-MM-dd}\n</c>, and each seal
/// version moves it on as <c>head = SHA-256(head ‖ record ‖ record ‖ …)</c> over the canonical records
/// of the items it adds, in <see cref="SealItem.CompareChainOrder"/>: one hash per version, not per item.
/// </summary>
public static class SealChain
{
    public static byte[] Genesis(string station, DateOnly day) =>
        SHA256.HashData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{SealDocument.CurrentFormat}\t{station}\t{EnvMonitoring.Protocol.Time.ProvinceTime.DayText(day)}\n")));

    /// <summary>The head after <paramref name="items"/> (already in chain order) on <paramref name="start"/>.</summary>
    public static byte[] Link(ReadOnlySpan<byte> start, IReadOnlyList<SealItem> items) => Link(start, SealBatch.Of(items));

    /// <summary>The head after the items of <paramref name="batch"/>, in its order, on <paramref name="start"/>.</summary>
    public static byte[] Link(ReadOnlySpan<byte> start, SealBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(start);
        batch.AppendRecordsTo(sha);

        return sha.GetHashAndReset();
    }
}
