namespace EnvMonitoring.Rules.Compliance;

/// <summary>Sorts a stored reading into a <see cref="ReadingClass"/> from its value and device status.</summary>
public static class ReadingValidity
{
    /// <param name="value">The stored value, in the catalog's unit.</param>
    /// <param name="status">Circular 10/2021 device status: 0 measuring, 1 calibrating, 2 fault.</param>
    /// <param name="negativeAllowed">Whether the parameter can truly be negative (temperatures).</param>
    public static ReadingClass Classify(double value, int status, bool negativeAllowed) => status switch
    {
        1 => ReadingClass.Calibrating,
        2 => ReadingClass.Fault,
        0 when double.IsFinite(value) && (negativeAllowed || value >= 0) => ReadingClass.Valid,
        _ => ReadingClass.Invalid,
    };
}
