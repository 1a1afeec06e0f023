using System.Text.Json;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// One seal version of a station's legal day (docs/evidence.md, "The seal"): the chain it continues
/// (<see cref="Start"/>) and where it ends (<see cref="Head"/>), the previous version it names, what it
/// covers and by which key it is signed. The signature is over the document's UTF-8 bytes exactly as
/// stored and exported, so <c>openssl dgst -sha256 -verify</c> checks it as it is.
/// </summary>
public sealed record SealDocument
{
    public const string CurrentFormat = "envmon-seal/1";

    public string Format { get; init; } = CurrentFormat;

    public required string Station { get; init; }

    /// <summary>The legal (UTC+7) day, yyyy-MM-dd.</summary>
    public required string Day { get; init; }

    /// <summary>1 for the day's first seal, then one more for each seal that extends it.</summary>
    public required int Version { get; init; }

    /// <summary>SHA-256 (hex) of the previous version's document bytes; null for version 1.</summary>
    public string? Previous { get; init; }

    /// <summary>Whether the day had ended when this version was made (a later version then holds late data).</summary>
    public required bool Closed { get; init; }

    /// <summary>The chain head this version starts from: the previous version's head, or the day's genesis.</summary>
    public required string Start { get; init; }

    /// <summary>The chain head after this version's items.</summary>
    public required string Head { get; init; }

    public required int Samples { get; init; }

    public required int Readings { get; init; }

    public required int Events { get; init; }

    public required DateTimeOffset SealedAt { get; init; }

    /// <summary>Which of the centre's keys signed it (<see cref="SealKeys.IdOf"/>).</summary>
    public required string KeyId { get; init; }

    /// <summary>What this version covers (<see cref="SealEntries"/>), base64.</summary>
    public required string Entries { get; init; }

    /// <summary>How a seal document is written and read (<see cref="SealJsonContext"/>).</summary>
    public static JsonSerializerOptions JsonOptions => SealJsonContext.Default.Options;

    /// <summary>
    /// The version after <paramref name="previous"/> (version 1 from the day's genesis when null) covering
    /// <paramref name="items"/>, sorted here into chain order; signed by the key <paramref name="keyId"/> names.
    /// </summary>
    public static SealDocument Next(
        SignedSeal? previous, string station, DateOnly day, List<SealItem> items, bool closed, DateTimeOffset sealedAt, string keyId) =>
        Next(previous?.Link, station, day, SealBatch.Of(items), closed, sealedAt, keyId);

    /// <summary>The same after the version <paramref name="previous"/> links to, for the items of <paramref name="batch"/>, which is sorted here into chain order.</summary>
    public static SealDocument Next(
        SealLink? previous, string station, DateOnly day, SealBatch batch, bool closed, DateTimeOffset sealedAt, string keyId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.SortChainOrder();
        var start = previous?.Head ?? Convert.ToHexStringLower(SealChain.Genesis(station, day));
        var (samples, readings, events) = (0, 0, 0);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch.KindAt(i) == SealItemKind.Event)
            {
                events++;
                continue;
            }

            samples++;
            readings += SealRecord.CountOf(batch.RecordAt(i));
        }

        return new SealDocument
        {
            Station = station,
            Day = ProvinceTime.DayText(day),
            Version = (previous?.Version ?? 0) + 1,
            Previous = previous?.Id,
            Closed = closed,
            Start = start,
            Head = Convert.ToHexStringLower(SealChain.Link(Convert.FromHexString(start), batch)),
            Samples = samples,
            Readings = readings,
            Events = events,
            SealedAt = sealedAt,
            KeyId = keyId,
            Entries = SealEntries.Pack(batch),
        };
    }

    public DateOnly LegalDay => ProvinceTime.TryParseDay(Day, out var day) ? day : throw new InvalidDataException($"A seal of day '{Day}', not yyyy-MM-dd.");

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, SealJsonContext.Writing.SealDocument);

    public static SealDocument Parse(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, SealJsonContext.Default.SealDocument) ?? throw new InvalidDataException("An empty seal document.");
}
