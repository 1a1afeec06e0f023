namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// Where a station-day's chain stands after a seal version: all the next version needs of it (the
/// version it follows, the id it names as previous, the head it starts from), without the document.
/// </summary>
/// <param name="Version">The version's number.</param>
/// <param name="Id">SHA-256 (hex) of the version's document bytes (<see cref="SignedSeal.Id"/>).</param>
/// <param name="Head">The chain head after the version's items.</param>
public sealed record SealLink(int Version, string Id, string Head);
