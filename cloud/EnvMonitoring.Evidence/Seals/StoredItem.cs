namespace EnvMonitoring.Evidence.Seals;

/// <summary>An item as found in storage (or in an export), recomputed for checking, with its readings for the findings' wording.</summary>
public sealed record StoredItem(SealItem Item, IReadOnlyList<SealReading> Readings);
