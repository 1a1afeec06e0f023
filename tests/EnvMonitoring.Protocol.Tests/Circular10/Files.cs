using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Circular10;

namespace EnvMonitoring.Protocol.Tests.Circular10;

/// <summary>The DOMAIN.md illustration, the mapping it needs, and shorthands for parsing test files.</summary>
internal static class Files
{
    public const string Station = "TN-YB-WWTP-01";
    public const string FileStation = "TN_YBWWTP_NUOC01";

    /// <summary>DOMAIN.md, "Data from stations: Circular 10/2021 files", verbatim (tab separated).</summary>
    public const string Illustration =
        "Flow_in\t152.4\tm3/h\t20250315103000\t00\n" +
        "pH\t7.21\t-\t20250315103000\t00\n" +
        "COD\t41.2\tmg/L\t20250315103000\t01\n" +
        "NH4\t2.3\tmg/L\t20250315103000\t02\n";

    public static readonly DateTimeOffset IllustrationTime = new(2025, 3, 15, 10, 30, 0, TimeSpan.FromHours(7));

    /// <summary><c>Flow_in</c> → <c>FlowIn</c>; <c>pH</c>, <c>COD</c>, <c>NH4</c> are catalog codes already.</summary>
    public static StationFileMapping Mapping(
        IEnumerable<KeyValuePair<string, ParameterMapping>>? extra = null, IEnumerable<string>? ignore = null) =>
        new(FileStation, Station, [new("Flow_in", new ParameterMapping("FlowIn")), .. extra ?? []], ignore);

    public static Circular10ParseResult Parse(string content, StationFileMapping? mapping = null) =>
        Circular10Parser.Parse(content, mapping ?? Mapping(), ParameterCatalog.Default);

    public static Circular10Failure Refused(string content, StationFileMapping? mapping = null)
    {
        var result = Parse(content, mapping);
        Assert.False(result.IsSuccess, "the file was accepted");
        Assert.Empty(result.Samples);
        Assert.False(string.IsNullOrWhiteSpace(result.Failure.Detail));
        return result.Failure;
    }

    public static IReadOnlyList<Samples.Sample> Accepted(string content, StationFileMapping? mapping = null)
    {
        var result = Parse(content, mapping);
        Assert.True(result.IsSuccess, $"the file was refused: {result.Failure}");
        return result.Samples;
    }
}
