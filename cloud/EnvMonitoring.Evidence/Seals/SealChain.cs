using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// The hash chain of a station's legal day (docs/evidence.md, "The chain"): it starts at
/// <see cref="Genesis"/>, SHA-256 of <c>envmon-seal/1\t{station}\t{yyyy-MM-dd}\n</c>, and each item
/// links as <c>head = SHA-256(head ‖ item digest)</c>, items in <see cref="SealItem.CompareChainOrder"/>.
/// Each seal version continues the chain where the previous one ended.
/// </summary>
public static class SealChain
{
    public static byte[] Genesis(string station, DateOnly day) =>
        SHA256.HashData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{SealDocument.CurrentFormat}\t{station}\t{day:yyyy-MM-dd}\n")));

    /// <summary>The head after linking <paramref name="items"/> (already in chain order) onto <paramref name="start"/>.</summary>
    public static byte[] Link(ReadOnlySpan<byte> start, IEnumerable<SealItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Span<byte> buffer = stackalloc byte[64];
        start.CopyTo(buffer);
        foreach (var item in items)
        {
            item.Digest.CopyTo(buffer[32..]);
            SHA256.HashData(buffer, buffer[..32]);
        }

        return buffer[..32].ToArray();
    }
}
