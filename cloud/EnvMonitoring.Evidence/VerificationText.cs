using EnvMonitoring.Evidence.Seals;

namespace EnvMonitoring.Evidence;

/// <summary>What <c>verify-export</c> prints: the export, the signature, a line per file and per day, and the conclusion with its reasons.</summary>
public static class VerificationText
{
    public static void Write(TextWriter output, VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var m = report.Manifest;
        output.WriteLine($"export of {m.Station} {m.From:O} – {m.To:O} by {m.ExportedBy} at {m.ExportedAt:O} ({m.Source}, {m.Format})");
        output.WriteLine($"SIGNATURE {report.Signature.State.ToString().ToUpperInvariant()}: {report.Signature.Detail}");
        foreach (var file in report.Files)
        {
            output.WriteLine($"{file.State.ToString().ToUpperInvariant(),-9} {file.Path}  {file.Detail}");
        }

        foreach (var day in report.Days)
        {
            output.WriteLine(Day(day));
        }

        var problems = report.Problems().ToList();
        switch (report.Outcome)
        {
            case VerificationOutcome.Intact:
                output.WriteLine($"INTACT: {report.Files.Count} file(s) match the manifest signed by trusted key {report.Signature.KeyId}; {report.Days.Count} day(s) checked against their seals");
                break;
            case VerificationOutcome.IntegrityOnly:
                output.WriteLine($"INTEGRITY ONLY: {report.Files.Count} file(s) match the manifest and the days their seals, but the signature was not checked against a trusted key.");
                output.WriteLine("  To check who made it, pass the centre's public key: --public-key centre.pem (saved from GET /api/seals/keys) or --keys-url https://centre/api/seals/keys.");
                break;
            default:
                output.WriteLine($"NOT INTACT: {problems.Count} problem(s)");
                foreach (var problem in problems)
                {
                    output.WriteLine("  - " + problem);
                }

                break;
        }
    }

    private static string Day(DayIntegrity day)
    {
        var seals = string.Join(", ", day.Seals.Select((id, i) => $"v{i + 1} {id[..16]}"));
        return day.Verdict switch
        {
            DayVerdict.Intact => $"DAY {EnvMonitoring.Protocol.Time.ProvinceTime.DayText(day.Day)}  intact: {day.SealedSamples} sample(s), {day.SealedEvents} alert event(s) as sealed ({seals})"
                + (day.AwaitingSeal > 0 ? $"; {day.AwaitingSeal} item(s) stored after the last seal, not sealed yet" : ""),
            DayVerdict.Unsealed => $"DAY {EnvMonitoring.Protocol.Time.ProvinceTime.DayText(day.Day)}  unsealed: no seal was made for it before the export; its data rests on the manifest signature alone",
            _ => $"DAY {EnvMonitoring.Protocol.Time.ProvinceTime.DayText(day.Day)}  TAMPERED: {day.Findings.Count} finding(s) against {(seals.Length == 0 ? "no seal" : seals)}",
        };
    }
}
