using System.Globalization;
using System.Text;

namespace EnvMonitoring.Cloud.Storage;

/// <summary>
/// The one way InfluxQL is put together: every name goes through <see cref="Identifier"/>, every
/// text value through <see cref="StringLiteral"/>, every instant through <see cref="Time"/>; only
/// numbers and keywords are written as they are. The escapes are those of InfluxDB's scanner
/// (<c>influxql.ScanString</c>, the same for both quotes): <c>\\</c>, <c>\"</c>, <c>\'</c> and
/// <c>\n</c>; a raw line break ends a quoted token with an error, so it is written as <c>\n</c>.
/// Quoting everything keeps a value that looks like <c>' OR '1'='1</c> or <c>x'; DROP DATABASE …</c>
/// one literal: it can neither widen a filter nor start a second statement.
/// </summary>
internal static class InfluxQl
{
    /// <summary>A database, retention policy, measurement, tag or field name in double quotes.</summary>
    public static string Identifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Quoted(name, '"');
    }

    /// <summary>A text value (a tag's or a string field's) in single quotes.</summary>
    public static string StringLiteral(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Quoted(value, '\'');
    }

    /// <summary>An RFC 3339 time literal in UTC, to the millisecond (the precision points are written with).</summary>
    public static string Time(DateTimeOffset instant) =>
        "'" + instant.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture) + "'";

    /// <summary>Names as a select list: <c>"a","b"</c>.</summary>
    public static string Identifiers(IEnumerable<string> names) => string.Join(",", names.Select(Identifier));

    /// <summary><c>"key" = 'value'</c>: a tag (or string field) equal to a value.</summary>
    public static string Is(string key, string value) => $"{Identifier(key)} = {StringLiteral(value)}";

    /// <summary>The half-open range [from, to) of point times.</summary>
    public static string Range(DateTimeOffset from, DateTimeOffset to) => $"time >= {Time(from)} AND time < {Time(to)}";

    /// <summary>A fully qualified measurement: <c>"database"."policy"."measurement"</c>; an empty policy is the default one (<c>"database".."measurement"</c>).</summary>
    public static string Source(string database, string retentionPolicy, string measurement) =>
        $"{Identifier(database)}.{(retentionPolicy.Length == 0 ? "" : Identifier(retentionPolicy))}.{Identifier(measurement)}";

    private static string Quoted(string text, char quote)
    {
        var builder = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\n': builder.Append(@"\n"); break;
                case var q when q == quote: builder.Append('\\').Append(q); break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append(quote).ToString();
    }
}
