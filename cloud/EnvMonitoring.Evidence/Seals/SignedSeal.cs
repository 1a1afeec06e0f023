using System.Security.Cryptography;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>A seal as stored and exported: the document's exact bytes and the DER ECDSA signature over them.</summary>
public sealed record SignedSeal(byte[] Document, byte[] Signature)
{
    private SealDocument? _parsed;

    /// <summary>A seal just made: <paramref name="document"/> is <paramref name="parsed"/>'s bytes, so they are not parsed again.</summary>
    public SignedSeal(SealDocument parsed, byte[] document, byte[] signature)
        : this(document, signature) => _parsed = parsed;

    public SealDocument Parsed => _parsed ??= SealDocument.Parse(Document);

    /// <summary>SHA-256 (hex) of the document bytes: how the next version names this one.</summary>
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Document));

    /// <summary>Where the chain stands after this version, for the next one.</summary>
    public SealLink Link => new(Parsed.Version, Id, Parsed.Head);
}
