using System.Buffers;
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
    public static byte[] Link(ReadOnlySpan<byte> start, IReadOnlyList<SealItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var length = start.Length;
        foreach (var item in items)
        {
            length += item.Record.Length;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            start.CopyTo(buffer);
            var n = start.Length;
            foreach (var item in items)
            {
                item.Record.CopyTo(buffer, n);
                n += item.Record.Length;
            }

            return SHA256.HashData(buffer.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
