using EnvMonitoring.Evidence.Seals;

namespace EnvMonitoring.Evidence;

/// <summary>How the manifest's signature held.</summary>
public enum SignatureState
{
    /// <summary>Made by the key the manifest names, one of the keys the verifier trusts.</summary>
    Verified,

    /// <summary>Made by the key the ZIP encloses; no trusted key was given, so nothing says whose it is.</summary>
    NotTrusted,

    /// <summary>The signature does not verify with the key the manifest names: the manifest or the signature changed.</summary>
    Invalid,

    /// <summary>The manifest names a key that is not one of the trusted keys.</summary>
    UntrustedKey,

    /// <summary>A signed format without a signature or a key id.</summary>
    Missing,

    /// <summary>Format 1: exports were not signed yet.</summary>
    Unsigned,
}

/// <summary>The manifest signature's state, the key it names, and a sentence for people.</summary>
public sealed record SignatureVerdict(SignatureState State, string? KeyId, string Detail)
{
    /// <param name="keyId">The key the manifest names.</param>
    /// <param name="manifest">The manifest's exact bytes.</param>
    /// <param name="signature">The DER signature, null when the ZIP has none.</param>
    /// <param name="keys">The keys checked against.</param>
    /// <param name="enclosedOnly">Whether <paramref name="keys"/> is only the key the ZIP encloses (no trusted key given).</param>
    public static SignatureVerdict Of(string? keyId, byte[] manifest, byte[]? signature, SealKeys keys, bool enclosedOnly)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keyId is null || signature is null)
        {
            return new SignatureVerdict(SignatureState.Missing, keyId, $"no signature: {EvidenceManifest.SignatureFile} or the manifest's keyId is missing");
        }

        return keys.Check(keyId, manifest, signature) switch
        {
            SignatureCheck.Valid when enclosedOnly => new SignatureVerdict(SignatureState.NotTrusted, keyId,
                $"signed by key {keyId}, the key enclosed in the ZIP; not checked against a trusted key (integrity only)"),
            SignatureCheck.Valid => new SignatureVerdict(SignatureState.Verified, keyId, $"signed by trusted key {keyId}"),
            SignatureCheck.UnknownKey when enclosedOnly => new SignatureVerdict(SignatureState.UntrustedKey, keyId,
                $"signed by key {keyId}, but the ZIP encloses no such key and no trusted key was given"),
            SignatureCheck.UnknownKey => new SignatureVerdict(SignatureState.UntrustedKey, keyId, $"signed by key {keyId}, not a trusted key"),
            _ => new SignatureVerdict(SignatureState.Invalid, keyId, $"the signature does not verify with key {keyId}: the manifest or its signature was changed"),
        };
    }
}
