using EnvMonitoring.Evidence.Seals;

namespace EnvMonitoring.Evidence;

public enum FileState
{
    Ok,
    Tampered,
    Missing,
    Extra,
}

public sealed record FileCheck(string Path, FileState State, string Detail);

/// <summary>What <c>verify-export</c> concludes (its exit code, docs/inspectors.md).</summary>
public enum VerificationOutcome
{
    /// <summary>Signed by a trusted key, every file as listed, every exported day as sealed: exit 0.</summary>
    Intact = 0,

    /// <summary>A signature, a file, a seal or the sealed data does not hold: exit 1.</summary>
    NotIntact = 1,

    /// <summary>Everything consistent, but not checked against a trusted key (none given, or an unsigned format-1 export): exit 3.</summary>
    IntegrityOnly = 3,
}

/// <summary>
/// The verification of an export: the manifest, its signature, each file, and each exported day's
/// integrity against its seals.
/// </summary>
public sealed record VerificationReport(EvidenceManifest Manifest, IReadOnlyList<FileCheck> Files, SignatureVerdict Signature, IReadOnlyList<DayIntegrity> Days)
{
    public VerificationOutcome Outcome =>
        Files.Any(f => f.State != FileState.Ok) || Days.Any(d => d.Verdict == DayVerdict.Tampered)
        || Signature.State is SignatureState.Invalid or SignatureState.UntrustedKey or SignatureState.Missing
            ? VerificationOutcome.NotIntact
            : Signature.State == SignatureState.Verified ? VerificationOutcome.Intact : VerificationOutcome.IntegrityOnly;

    /// <summary>Why the export is not intact, one reason a line; empty when nothing failed.</summary>
    public IEnumerable<string> Problems()
    {
        if (Signature.State is SignatureState.Invalid or SignatureState.UntrustedKey or SignatureState.Missing)
        {
            yield return "manifest: " + Signature.Detail;
        }

        foreach (var file in Files.Where(f => f.State != FileState.Ok))
        {
            yield return $"{file.Path}: {file.State.ToString().ToLowerInvariant()}";
        }

        foreach (var day in Days)
        {
            foreach (var finding in day.Findings)
            {
                yield return $"{EnvMonitoring.Protocol.Time.ProvinceTime.DayText(day.Day)} {finding.Kind.ToString().ToLowerInvariant()}: {finding.Detail}";
            }
        }
    }
}
