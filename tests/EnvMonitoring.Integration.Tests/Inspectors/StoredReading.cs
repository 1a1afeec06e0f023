using System.Globalization;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>One reading as the tests store it (line protocol of docs/storage.md) and as they compute expectations from it.</summary>
public sealed record StoredReading(string Station, DateTimeOffset Time, string Code, double Value, int Status = 0)
{
    /// <summary>Valid by the documented rule: status 0, and not negative unless a temperature.</summary>
    public bool IsValid => Status == 0 && (Value >= 0 || Code is "Temp" or "GasTemp");

    /// <summary>Wide lines: the readings of one station and time in one point, status only where not 0.</summary>
    public static IEnumerable<string> Lines(string park, IEnumerable<StoredReading> readings)
    {
        foreach (var point in readings.GroupBy(r => (r.Station, r.Time)))
        {
            var fields = string.Join(",", point.Select(r =>
                r.Status == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{r.Code}={r.Value:R}")
                    : string.Create(CultureInfo.InvariantCulture, $"{r.Code}={r.Value:R},{r.Code}_status={r.Status}i")));
            yield return string.Create(CultureInfo.InvariantCulture, $"sample,park={park},station={point.Key.Station} {fields} {point.Key.Time.ToUnixTimeMilliseconds()}");
        }
    }
}
