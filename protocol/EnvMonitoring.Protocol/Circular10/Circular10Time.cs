using System.Globalization;
using EnvMonitoring.Protocol.Codec;

namespace EnvMonitoring.Protocol.Circular10;

/// <summary>
/// The <c>yyyyMMddHHmmss</c> timestamps of Circular 10/2021 files, in Vietnam's local time.
/// Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact for every
/// instant the platform accepts (2000-2099, <see cref="MeasurementTime"/>).
/// </summary>
internal static class Circular10Time
{
    public const int Length = 14;
    public const string Format = "yyyyMMddHHmmss";

    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>True when <paramref name="text"/> is 14 digits naming a real local time between 2000 and 2099.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length != Length || !IsDigits(text) ||
            !DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        value = new DateTimeOffset(local, Offset);
        return value >= MeasurementTime.Earliest && value <= MeasurementTime.Latest;
    }

    /// <summary>Formats an instant as the local <c>yyyyMMddHHmmss</c>; fractions of a second are dropped.</summary>
    public static string ToText(DateTimeOffset value) =>
        value.ToOffset(Offset).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The instant in local time, truncated to the whole second a file can express.</summary>
    public static DateTimeOffset ToLocalSecond(DateTimeOffset value)
    {
        var local = value.ToOffset(Offset);
        return local.AddTicks(-(local.Ticks % TimeSpan.TicksPerSecond));
    }

    public static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }
}
