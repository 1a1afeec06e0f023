using System.Security.Cryptography;
using EnvMonitoring.Evidence.Seals;

namespace EnvMonitoring.Cloud.Tests.Seals;

/// <summary>Builds signed seal versions of one station-day the way the sealer does, for checking without a server.</summary>
internal sealed class SealFixture : IDisposable
{
    public const string Station = "TS-01";

    public static readonly DateOnly Day = new(2026, 3, 15);


    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public SealKeys Keys { get; } = new();

    public SealFixture() => Keys.AddPem(Key.ExportSubjectPublicKeyInfoPem());

    /// <summary>Local 10:00 plus <paramref name="minute"/> minutes on <see cref="Day"/>, in ms.</summary>
    public static long At(int minute) => new DateTimeOffset(2026, 3, 15, 10, minute, 0, TimeSpan.FromHours(7)).ToUnixTimeMilliseconds();

    public StoredItem Sample(int minute, double cod, double pH = 7.1, int codStatus = 0)
    {
        SealReading[] readings = [new("pH", pH, 0), new("COD", cod, codStatus)];
        return new StoredItem(SealEncoder.Sample(Station, At(minute), readings), readings);
    }

    public StoredItem Event(int minute, long seq, string json) => new(SealEncoder.Event(Station, At(minute), seq, json), []);

    /// <summary>The next version after <paramref name="previous"/> covering <paramref name="items"/>, signed with <paramref name="key"/> (default: the centre's).</summary>
    public SignedSeal Seal(SignedSeal? previous, IEnumerable<StoredItem> items, bool closed = false, ECDsa? key = null)
    {
        key ??= Key;
        var document = SealDocument.Next(
            previous, Station, Day, [.. items.Select(i => i.Item)], closed, new DateTimeOffset(2026, 3, 16, 0, 10, 0, TimeSpan.FromHours(7)), SealKeys.IdOf(key));
        var bytes = document.ToUtf8();
        return new SignedSeal(bytes, key.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    public DayIntegrity Verify(IReadOnlyList<SignedSeal> seals, IReadOnlyList<StoredItem> stored, Func<SealKey, bool>? awaiting = null) =>
        SealCheck.Verify(Station, Day, seals, Keys, stored, awaiting ?? (_ => false));

    public void Dispose() => Key.Dispose();
}
