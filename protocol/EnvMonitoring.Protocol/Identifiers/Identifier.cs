namespace EnvMonitoring.Protocol.Identifiers;

/// <summary>
/// Park, station and gateway identifiers: <c>^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$</c>.
/// The alphabet keeps identifiers safe in MQTT topics, InfluxDB tags, InfluxQL literals and file names.
/// </summary>
public static class Identifier
{
    public const int MaxLength = 64;

    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value.Length > MaxLength || !char.IsAsciiLetterOrDigit(value[0]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!IsAllowed(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValid(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || utf8.Length > MaxLength || !char.IsAsciiLetterOrDigit((char)utf8[0]))
        {
            return false;
        }

        foreach (var b in utf8)
        {
            if (!IsAllowed((char)b))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValid(string? value) => value is not null && IsValid(value.AsSpan());

    /// <summary>Throws <see cref="ArgumentException"/> naming the parameter when <paramref name="value"/> is not an identifier.</summary>
    public static string Require(string? value, string paramName)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException(
                $"'{value}' is not a valid identifier: 1-{MaxLength} characters of A-Z a-z 0-9 _ . -, starting with a letter or digit.",
                paramName);
        }

        return value!;
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';
}
