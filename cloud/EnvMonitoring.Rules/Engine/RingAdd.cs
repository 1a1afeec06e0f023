namespace EnvMonitoring.Rules.Engine;

/// <summary>What <see cref="SlotRing.Add"/> did with a record.</summary>
internal enum RingAdd : byte
{
    Added,

    /// <summary>The same measurement time as the slot's last record: a resend, ignored.</summary>
    Duplicate,

    /// <summary>Older than the retention: judged on its own value only.</summary>
    TooOld,
}
