using System.Security.Cryptography;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// The monitoring centre's public keys: ECDSA P-256, signatures over SHA-256 in DER (RFC 3279), the
/// form <c>openssl dgst -sha256 -verify key.pem -signature seal.sig seal.json</c> checks. A key's id is
/// the first 16 hex digits of the SHA-256 of its SubjectPublicKeyInfo.
/// </summary>
public sealed class SealKeys
{
    public const string Algorithm = "ECDSA P-256 SHA-256 (DER signature)";

    private readonly Dictionary<string, ECDsa> _keys = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Ids => _keys.Keys;

    public static string IdOf(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>Adds a public key given as PEM (<c>-----BEGIN PUBLIC KEY-----</c>); returns its id.</summary>
    public string AddPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidDataException($"A seal key must be ECDSA P-256; this one has {key.KeySize} bits.");
        }

        var id = IdOf(key);
        if (!_keys.TryAdd(id, key))
        {
            key.Dispose();
        }

        return id;
    }

    /// <summary>Whether the seal is signed by the key it names, that key being one of these.</summary>
    public SignatureCheck Check(SignedSeal seal)
    {
        ArgumentNullException.ThrowIfNull(seal);
        return Check(seal.Parsed.KeyId, seal.Document, seal.Signature);
    }

    /// <summary>Whether <paramref name="signature"/> (DER) over <paramref name="data"/> is made by the key <paramref name="keyId"/> names, that key being one of these.</summary>
    public SignatureCheck Check(string keyId, byte[] data, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (!_keys.TryGetValue(keyId, out var key))
        {
            return SignatureCheck.UnknownKey;
        }

        return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            ? SignatureCheck.Valid
            : SignatureCheck.Invalid;
    }
}

public enum SignatureCheck
{
    Valid,
    Invalid,
    UnknownKey,
}
