namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// An item as found in storage (or in an export), recomputed for checking, with its readings for the
/// findings' wording and, for an alert event, the JSON it is stored as (what an export carries).
/// </summary>
public sealed record StoredItem(SealItem Item, IReadOnlyList<SealReading> Readings, string? Json = null);
