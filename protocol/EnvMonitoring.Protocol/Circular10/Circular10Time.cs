using System.Globalization;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Protocol.Circular10;

/// <summary>
/// The <c>yyyyMMddHHmmss</c> timestamps of Circular 10/2021 files, in the province's legal time
/// (<see cref="ProvinceTime"/>): the files carry no offset, so the fixed one is what makes them instants.
/// </summary>
internal static class Circular10Time
{
    public const int Length = 14;
    public const string Format = "yyyyMMddHHmmss";

    /// <summary>True when <paramref name="text"/> is 14 digits naming a real local time between 2000 and 2099.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length != Length || !IsDigits(text) ||
            !DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        value = ProvinceTime.FromLocal(local);
        return value >= MeasurementTime.Earliest && value <= MeasurementTime.Latest;
    }

    /// <summary>Formats an instant as the local <c>yyyyMMddHHmmss</c>; fractions of a second are dropped.</summary>
    public static string ToText(DateTimeOffset value) =>
        ProvinceTime.ToLocal(value).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The instant in local time, truncated to the whole second a file can express.</summary>
    public static DateTimeOffset ToLocalSecond(DateTimeOffset value)
    {
        var local = ProvinceTime.ToLocal(value);
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
