using EnvMonitoring.Cloud.Storage;

namespace EnvMonitoring.Cloud.Tests.Storage;

/// <summary>The quoting of InfluxQL, character by character (InfluxDB's scanner knows \\, \", \' and \n).</summary>
public sealed class InfluxQlTests
{
    [Theory]
    [InlineData("sample", "'sample'")]
    [InlineData("it's", @"'it\'s'")]
    [InlineData("say \"hi\"", "'say \"hi\"'")]
    [InlineData(@"back\slash", @"'back\\slash'")]
    [InlineData(@"end\", @"'end\\'")]
    [InlineData("two\nlines", @"'two\nlines'")]
    [InlineData("' OR '1'='1", @"'\' OR \'1\'=\'1'")]
    [InlineData("x'; DROP DATABASE \"envmon\"", "'x\\'; DROP DATABASE \"envmon\"'")]
    [InlineData("Trạm Hà Nội – 水", "'Trạm Hà Nội – 水'")]
    [InlineData("", "''")]
    public void StringLiteral_escapes_backslash_single_quote_and_line_break(string value, string expected) =>
        Assert.Equal(expected, InfluxQl.StringLiteral(value));

    [Theory]
    [InlineData("COD", "\"COD\"")]
    [InlineData("we\"ird", "\"we\\\"ird\"")]
    [InlineData("\") OR (\"", "\"\\\") OR (\\\"\"")]
    [InlineData("it's", "\"it's\"")]
    [InlineData(@"a\b", "\"a\\\\b\"")]
    [InlineData("a\nb", "\"a\\nb\"")]
    public void Identifier_escapes_backslash_double_quote_and_line_break(string name, string expected) =>
        Assert.Equal(expected, InfluxQl.Identifier(name));

    [Fact]
    public void Time_is_an_rfc3339_utc_literal_to_the_millisecond()
    {
        var local = new DateTimeOffset(2026, 3, 1, 7, 30, 15, 123, TimeSpan.FromHours(7)).AddTicks(4567);
        Assert.Equal("'2026-03-01T00:30:15.123Z'", InfluxQl.Time(local));
        Assert.Equal("'1969-12-31T23:59:59.999Z'", InfluxQl.Time(DateTimeOffset.FromUnixTimeMilliseconds(-1)));
    }

    [Fact]
    public void Pieces_combine_quoted_names_and_values()
    {
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal("\"station\" = 'a\\'b'", InfluxQl.Is("station", "a'b"));
        Assert.Equal("\"COD\",\"COD_status\"", InfluxQl.Identifiers(["COD", "COD_status"]));
        Assert.Equal("time >= '2026-01-01T00:00:00.000Z' AND time < '2026-01-02T00:00:00.000Z'", InfluxQl.Range(from, from.AddDays(1)));
        Assert.Equal("\"envmon\".\"longterm\".\"rollup_1h\"", InfluxQl.Source("envmon", "longterm", "rollup_1h"));
    }
}
