using System.Globalization;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// Checks a station-day's stored items against its seals (docs/evidence.md, "Verification"): each
/// version signed by a known key and linked to the one before; each sealed item stored with the content
/// it was sealed with (a changed reading named by its fingerprint, and the chain recomputed as proof);
/// each stored item covered by a seal, unless it is still waiting for the next one. Pure: the host's
/// API, <c>./envmon verify-seals</c> and <c>./envmon verify-export</c> all decide through it.
/// </summary>
public static class SealCheck
{
    /// <param name="station">The station.</param>
    /// <param name="day">The legal day.</param>
    /// <param name="seals">Every seal version found for the day, in any order.</param>
    /// <param name="keys">The public keys accepted.</param>
    /// <param name="stored">The day's items as stored now.</param>
    /// <param name="awaitingSeal">Whether an unsealed stored item is known to be waiting for the next seal (rather than inserted behind the system's back).</param>
    public static DayIntegrity Verify(
        string station, DateOnly day, IReadOnlyList<SignedSeal> seals, SealKeys keys, IReadOnlyList<StoredItem> stored, Func<SealKey, bool> awaitingSeal)
    {
        ArgumentNullException.ThrowIfNull(seals);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(awaitingSeal);
        var findings = new List<SealFinding>();
        var byKey = new Dictionary<SealKey, StoredItem>();
        foreach (var item in stored)
        {
            byKey[item.Item.Key] = item;
        }

        var readable = new List<(SignedSeal Seal, List<SealEntry> Entries)>();
        foreach (var seal in seals)
        {
            try
            {
                readable.Add((seal, SealEntries.Unpack(seal.Parsed.Entries)));
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException)
            {
                findings.Add(new SealFinding(FindingKind.Seal, null, null, null, $"a seal ({seal.Id[..16]}) cannot be read: {e.Message}"));
            }
        }

        var ordered = readable.OrderBy(s => s.Seal.Parsed.Version).ToList();
        var covered = new HashSet<SealKey>();
        var head = Convert.ToHexStringLower(SealChain.Genesis(station, day));
        string? previous = null;
        var (samples, events) = (0, 0);
        for (var i = 0; i < ordered.Count; i++)
        {
            var (seal, entries) = ordered[i];
            var document = seal.Parsed;
            CheckSeal(seal, i + 1, station, day, head, previous, keys, findings);
            var links = new List<SealItem>(entries.Count);
            var complete = true;
            foreach (var entry in entries)
            {
                if (!covered.Add(entry.Key))
                {
                    findings.Add(new SealFinding(FindingKind.Seal, entry.Time, null, Seq(entry), $"seal v{document.Version} covers {Describe(entry)} a second time"));
                }

                _ = entry.Kind == SealItemKind.Sample ? samples++ : events++;
                if (!byKey.TryGetValue(entry.Key, out var found))
                {
                    complete = false;
                    findings.Add(new SealFinding(FindingKind.Deleted, entry.Time, null, Seq(entry), $"{Describe(entry)}, sealed in v{document.Version}, is not stored"));
                    continue;
                }

                Compare(entry, found, document.Version, findings);
                links.Add(found.Item);
            }

            var recomputed = Convert.ToHexStringLower(SealChain.Link(Convert.FromHexString(document.Start), links));
            if (complete && recomputed != document.Head && !findings.Any(f => f.Kind is FindingKind.Altered or FindingKind.Deleted))
            {
                findings.Add(new SealFinding(FindingKind.Altered, null, null, null,
                    $"the items of seal v{document.Version} recompute to chain head {recomputed}, not the sealed {document.Head}: content changed where no fingerprint shows it"));
            }

            head = document.Head;
            previous = seal.Id;
        }

        var awaiting = 0;
        foreach (var item in stored.Where(s => !covered.Contains(s.Item.Key)).OrderBy(s => s.Item, Comparer<SealItem>.Create(SealItem.CompareChainOrder)))
        {
            if (awaitingSeal(item.Item.Key))
            {
                awaiting++;
                continue;
            }

            var entry = SealEntry.Of(item.Item);
            findings.Add(new SealFinding(FindingKind.Inserted, item.Item.Time, null, Seq(entry),
                $"{Describe(entry)} is stored but no seal covers it{Values(item.Readings, null)}"));
        }

        var verdict = findings.Count > 0 ? DayVerdict.Tampered : seals.Count == 0 ? DayVerdict.Unsealed : DayVerdict.Intact;
        return new DayIntegrity(station, day, verdict, [.. ordered.Select(s => s.Seal.Id)], samples, events, awaiting, findings);
    }

    /// <summary>
    /// What waits for a seal when the sealer cannot say (the command line, an export): every unsealed
    /// item while the day's closing seal is not made yet, none after it (then it is inserted).
    /// </summary>
    public static Func<SealKey, bool> AwaitingUnlessClosed(IReadOnlyList<SignedSeal> seals)
    {
        ArgumentNullException.ThrowIfNull(seals);
        return seals.Any(s => s.Parsed.Closed) ? _ => false : _ => true;
    }

    private static void CheckSeal(SignedSeal seal, int expectedVersion, string station, DateOnly day, string head, string? previous, SealKeys keys, List<SealFinding> findings)
    {
        var document = seal.Parsed;
        var problems = new List<string>();
        switch (keys.Check(seal))
        {
            case SignatureCheck.Invalid: problems.Add("its signature does not verify"); break;
            case SignatureCheck.UnknownKey: problems.Add($"it is signed by key {document.KeyId}, which is not one of the centre's keys given"); break;
        }

        if (document.Format != SealDocument.CurrentFormat || document.Station != station || document.Day != ProvinceTime.DayText(day))
        {
            problems.Add($"it is a seal of {document.Station} on {document.Day} ({document.Format})");
        }

        if (document.Version != expectedVersion)
        {
            problems.Add($"version {expectedVersion} is missing or repeated before it");
        }

        if (document.Previous != previous || document.Start != head)
        {
            problems.Add("it does not continue the previous version (previous or start differ)");
        }

        if (problems.Count > 0)
        {
            findings.Add(new SealFinding(FindingKind.Seal, null, null, null, $"seal v{document.Version} ({seal.Id[..16]}): {string.Join("; ", problems)}"));
        }
    }

    private static void Compare(SealEntry sealedEntry, StoredItem found, int version, List<SealFinding> findings)
    {
        var now = SealEntry.Of(found.Item);
        if (sealedEntry.Kind == SealItemKind.Event)
        {
            if (now.Fingerprints[SealEntry.EventFingerprint] != sealedEntry.Fingerprints[SealEntry.EventFingerprint] || now.Time != sealedEntry.Time)
            {
                findings.Add(new SealFinding(FindingKind.Altered, sealedEntry.Time, null, sealedEntry.Seq, $"{Describe(sealedEntry)}, sealed in v{version}, is stored with other content"));
            }

            return;
        }

        foreach (var (parameter, fingerprint) in sealedEntry.Fingerprints)
        {
            if (!now.Fingerprints.TryGetValue(parameter, out var stored))
            {
                findings.Add(new SealFinding(FindingKind.Deleted, sealedEntry.Time, parameter, null, $"{parameter} at {Time(sealedEntry.Time)}, sealed in v{version}, is not stored"));
            }
            else if (stored != fingerprint)
            {
                findings.Add(new SealFinding(FindingKind.Altered, sealedEntry.Time, parameter, null,
                    $"{parameter} at {Time(sealedEntry.Time)}, sealed in v{version}, is stored with another value or status{Values(found.Readings, parameter)}"));
            }
        }

        foreach (var parameter in now.Fingerprints.Keys.Where(p => !sealedEntry.Fingerprints.ContainsKey(p)))
        {
            findings.Add(new SealFinding(FindingKind.Inserted, sealedEntry.Time, parameter, null,
                $"{parameter} at {Time(sealedEntry.Time)} is stored but was not in the sample sealed in v{version}{Values(found.Readings, parameter)}"));
        }
    }

    private static long? Seq(SealEntry entry) => entry.Kind == SealItemKind.Event ? entry.Seq : null;

    private static string Describe(SealEntry entry) =>
        entry.Kind == SealItemKind.Sample ? $"the sample at {Time(entry.Time)}" : $"alert event {entry.Seq} ({Time(entry.Time)})";

    /// <summary>Local (UTC+7) time with milliseconds, as the findings name readings.</summary>
    public static string Time(long milliseconds) =>
        EnvMonitoring.Protocol.Time.ProvinceTime.ToLocal(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static string Values(IReadOnlyList<SealReading> readings, string? parameter)
    {
        var shown = readings.Where(r => parameter is null || r.Parameter == parameter)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Parameter}={r.Value:R}{(r.Status == 0 ? "" : $" (status {r.Status})")}"))
            .ToList();
        return shown.Count == 0 ? "" : ": stored " + string.Join(", ", shown);
    }
}
