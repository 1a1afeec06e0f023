using EnvMonitoring.Cloud.History;
using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Cloud.Tests.History;

/// <summary>Validation of <c>GET /api/readings</c> arguments: each bad argument named with a reason.</summary>
public sealed class ReadingsQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private static (ReadingsQuery? Query, Dictionary<string, string[]> Errors) Parse(
        string? station = "YB-WWTP-01", string? param = "COD", string? from = null, string? to = null, string? limit = null)
    {
        ReadingsQuery.TryParse(station, param, from, to, limit, ParameterCatalog.Default, Now, out var query, out var errors);
        return (query, errors);
    }

    [Fact]
    public void Defaults_to_the_last_hour_and_ten_thousand_rows()
    {
        var (query, errors) = Parse();

        Assert.Empty(errors);
        Assert.Equal(Now.AddHours(-1), query!.From);
        Assert.Equal(Now, query.To);
        Assert.Equal(ReadingsQuery.DefaultLimit, query.Limit);
        Assert.Equal("mg/L", query.Parameter.Unit);
    }

    [Fact]
    public void Reads_offsets_including_a_plus_that_arrived_as_a_space()
    {
        var (query, errors) = Parse(from: "2026-11-28T13:05:00 07:00", to: "2026-11-28T07:05:00Z");

        Assert.Empty(errors);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 6, 5, 0, TimeSpan.Zero), query!.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 7, 5, 0, TimeSpan.Zero), query.To);
    }

    [Theory]
    [InlineData(null, "COD", null, null, null, "station")]
    [InlineData("bad,station", "COD", null, null, null, "station")]
    [InlineData("YB-WWTP-01", null, null, null, null, "param")]
    [InlineData("YB-WWTP-01", "cod", null, null, null, "param")]
    [InlineData("YB-WWTP-01", "COD", "2026-11-28T13:05:00", null, null, "from")]
    [InlineData("YB-WWTP-01", "COD", "yesterday", null, null, "from")]
    [InlineData("YB-WWTP-01", "COD", null, "2026-13-01T00:00:00Z", null, "to")]
    [InlineData("YB-WWTP-01", "COD", "2026-11-28T10:00:00Z", "2026-11-28T09:00:00Z", null, "from")]
    [InlineData("YB-WWTP-01", "COD", null, null, "0", "limit")]
    [InlineData("YB-WWTP-01", "COD", null, null, "100001", "limit")]
    [InlineData("YB-WWTP-01", "COD", null, null, "ten", "limit")]
    public void Names_the_bad_argument(string? station, string? param, string? from, string? to, string? limit, string bad)
    {
        var (query, errors) = Parse(station, param, from, to, limit);

        Assert.Null(query);
        Assert.Equal([bad], errors.Keys);
        Assert.False(string.IsNullOrWhiteSpace(errors[bad][0]));
    }

    [Fact]
    public void Lists_the_known_parameters_when_one_is_unknown()
    {
        var (_, errors) = Parse(param: "Mercury");

        Assert.Contains("COD", errors["param"][0], StringComparison.Ordinal);
        Assert.Contains("Mercury", errors["param"][0], StringComparison.Ordinal);
    }
}
