using System.Globalization;

namespace EnvMonitoring.Cloud.History;

/// <summary>
/// Pieces of InfluxQL. Stations are validated identifiers and parameters catalog codes, so neither
/// can break out of its quotes; everything else here is numbers.
/// </summary>
internal static class InfluxQl
{
    public static string Time(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "ms";

    public static string Range(DateTimeOffset from, DateTimeOffset to) => $"time >= {Time(from)} AND time < {Time(to)}";

    public static string Station(string station) => $"\"station\" = '{station}'";

    public static string Fields(IEnumerable<string> fields) => string.Join(",", fields.Select(f => $"\"{f}\""));
}
