namespace EnvMonitoring.Protocol.Circular10;

/// <summary>
/// The fields of one data line, placed by their shape rather than their position, because
/// dataloggers in the field drop the unit, drop the status, or put the timestamp first:
/// <c>COD 41.2 mg/L 20250315103000 01</c>, <c>COD 41.2 20250315103000</c>,
/// <c>20250315103000 COD 41.2 mg/L 01</c>. A unit is never all digits and a status is two digits,
/// while a timestamp is a longer run of digits; that alone tells the optional fields apart.
/// </summary>
internal readonly record struct Circular10Line(string Name, string Value, string? Unit, string Timestamp, string? Status)
{
    private const int MaxStatusDigits = 2;

    /// <summary>The parameter name the line is about, found before the rest is checked (ignored names are not read further).</summary>
    public static string? NameOf(string[] fields) =>
        fields.Length == 0 ? null : IsTimestampLike(fields[0]) ? fields.ElementAtOrDefault(1) : fields[0];

    public static bool TryRead(string[] fields, out Circular10Line line, [NotNullWhen(false)] out string? problem)
    {
        line = default;
        problem = null;
        if (fields.Length is < 3 or > 5)
        {
            problem = $"a line needs 3 to 5 fields (parameter, value, [unit], yyyyMMddHHmmss, [status]); this one has {fields.Length}.";
            return false;
        }

        if (IsTimestampLike(fields[0]))
        {
            // yyyyMMddHHmmss parameter value [unit] [status]
            var (unit, status) = fields.Length switch
            {
                3 => (null, null),
                4 when IsStatusLike(fields[3]) => (null, fields[3]),
                4 => (fields[3], null),
                _ => (fields[3], fields[4]),
            };
            line = new Circular10Line(fields[1], fields[2], unit, fields[0], status);
            return true;
        }

        // parameter value [unit] yyyyMMddHHmmss [status]
        line = fields.Length switch
        {
            3 => new Circular10Line(fields[0], fields[1], null, fields[2], null),
            4 when IsTimestampLike(fields[2]) => new Circular10Line(fields[0], fields[1], null, fields[2], fields[3]),
            4 => new Circular10Line(fields[0], fields[1], fields[2], fields[3], null),
            _ => new Circular10Line(fields[0], fields[1], fields[2], fields[3], fields[4]),
        };
        return true;
    }

    /// <summary>A run of digits too long to be a status: meant as a timestamp, even if a malformed one.</summary>
    private static bool IsTimestampLike(string field) => field.Length > MaxStatusDigits && Circular10Time.IsDigits(field);

    private static bool IsStatusLike(string field) => field.Length <= MaxStatusDigits && Circular10Time.IsDigits(field);
}
