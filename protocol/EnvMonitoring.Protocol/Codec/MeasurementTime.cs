namespace EnvMonitoring.Protocol.Codec;

/// <summary>
/// Parses the two timestamp forms of the contract without allocating: RFC 3339 with a required
/// offset (<c>2026-11-28T13:05:00+07:00</c>, <c>…T06:05:00.250Z</c>) and Unix epoch milliseconds.
/// Instants outside 2000-01-01..2099-12-31 are refused: no station measured before 2000, and a
/// far-future time is a broken clock, not data.
/// </summary>
public static class MeasurementTime
{
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new(2099, 12, 31, 23, 59, 59, 999, TimeSpan.Zero);

    public enum ParseResult
    {
        Ok,
        Invalid,
        MissingOffset,
        OutOfRange,
    }

    public static ParseResult TryParseEpochMilliseconds(long milliseconds, out DateTimeOffset value)
    {
        value = default;
        if (milliseconds < Earliest.ToUnixTimeMilliseconds() || milliseconds > Latest.ToUnixTimeMilliseconds())
        {
            return ParseResult.OutOfRange;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return ParseResult.Ok;
    }

    /// <summary>Parses <c>YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)</c> from UTF-8 (ASCII) bytes.</summary>
    public static ParseResult TryParseRfc3339(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        // 2026-11-28T13:05:00 is 19 characters; the offset and fraction follow.
        if (text.Length < 19 || text.Length > 40)
        {
            return ParseResult.Invalid;
        }

        if (!TryDigits(text, 0, 4, out var year) || text[4] != '-' ||
            !TryDigits(text, 5, 2, out var month) || text[7] != '-' ||
            !TryDigits(text, 8, 2, out var day) || text[10] is not ((byte)'T' or (byte)'t') ||
            !TryDigits(text, 11, 2, out var hour) || text[13] != ':' ||
            !TryDigits(text, 14, 2, out var minute) || text[16] != ':' ||
            !TryDigits(text, 17, 2, out var second))
        {
            return ParseResult.Invalid;
        }

        var position = 19;
        long fractionTicks = 0;
        if (position < text.Length && text[position] == '.')
        {
            position++;
            var digits = 0;
            long scale = TimeSpan.TicksPerSecond;
            while (position < text.Length && char.IsAsciiDigit((char)text[position]))
            {
                if (digits >= 9)
                {
                    return ParseResult.Invalid;
                }

                scale /= 10;
                fractionTicks += (text[position] - '0') * scale;
                digits++;
                position++;
            }

            if (digits == 0)
            {
                return ParseResult.Invalid;
            }
        }

        if (position == text.Length)
        {
            // Only a well-formed local time lacks just its offset; anything else is simply invalid.
            return IsValidDateTime(year, month, day, hour, minute, second) ? ParseResult.MissingOffset : ParseResult.Invalid;
        }

        TimeSpan offset;
        var sign = text[position];
        if (sign is (byte)'Z' or (byte)'z')
        {
            offset = TimeSpan.Zero;
            position++;
        }
        else if (sign is (byte)'+' or (byte)'-')
        {
            if (text.Length - position != 6 || !TryDigits(text, position + 1, 2, out var offsetHours) ||
                text[position + 3] != ':' || !TryDigits(text, position + 4, 2, out var offsetMinutes) ||
                offsetHours > 14 || offsetMinutes > 59 || (offsetHours == 14 && offsetMinutes != 0))
            {
                return ParseResult.Invalid;
            }

            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (sign == '-')
            {
                offset = -offset;
            }

            position += 6;
        }
        else
        {
            return ParseResult.Invalid;
        }

        if (position != text.Length || !IsValidDateTime(year, month, day, hour, minute, second))
        {
            return ParseResult.Invalid;
        }

        var utcTicks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks - offset.Ticks;
        if (utcTicks < Earliest.UtcTicks || utcTicks > Latest.UtcTicks)
        {
            return ParseResult.OutOfRange;
        }

        value = new DateTimeOffset(new DateTime(utcTicks + offset.Ticks, DateTimeKind.Unspecified), offset);
        return ParseResult.Ok;
    }

    private static bool IsValidDateTime(int year, int month, int day, int hour, int minute, int second) =>
        year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) &&
        hour <= 23 && minute <= 59 && second <= 59;

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = text[i];
            if (!char.IsAsciiDigit((char)c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
