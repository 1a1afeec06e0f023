using System.Globalization;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// The data every scenario sends, so their figures compare: 20 parks, each with one gateway and 10
/// wastewater stations; every station reports 8 values once a second. Sample <c>i</c> is station
/// <c>i % 200</c> at second <c>i / 200</c>, so no two samples share (station, time) and the
/// expected count in InfluxDB is exact.
/// </summary>
internal sealed class Workload
{
    public const int Parks = 20;
    public const int StationsPerPark = 10;
    public const int StationCount = Parks * StationsPerPark;
    public const int ValuesPerSample = 8;

    /// <summary>
    /// Local midnight (UTC+7) two days ago: the same points for every run of a day, and inside the
    /// cloud's backfill horizon (<c>Ingestion:BackfillHorizon</c>, 31 days), which refuses older samples.
    /// </summary>
    public static readonly DateTimeOffset Start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-2), TimeSpan.Zero).AddHours(-7).ToOffset(TimeSpan.FromHours(7));

    // Typical treated-effluent ranges: the values look like real ones, with two decimals.
    private static readonly (string Code, double Low, double Width)[] Signals =
    [
        ("pH", 6.0, 3.0), ("Temp", 22, 14), ("COD", 10, 140), ("BOD5", 4, 50),
        ("TSS", 5, 100), ("NH4", 0.1, 12), ("TN", 2, 35), ("FlowOut", 40, 460),
    ];

    private readonly Parameter[] _parameters = Signals.Select(s => ParameterCatalog.Default[s.Code]).ToArray();
    private readonly bool _numbered;

    /// <summary>
    /// The workload from <see cref="Start"/>; with <paramref name="dayBefore"/> the same samples one
    /// day earlier and without a seq (a seq names one sample: the run's own samples reuse those
    /// numbers), points that a run's counts (from <see cref="Start"/> on) leave out.
    /// </summary>
    public Workload(long values, bool dayBefore = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(values, ValuesPerSample);
        SampleCount = checked((int)(values / ValuesPerSample));
        First = dayBefore ? Start.AddDays(-1) : Start;
        _numbered = !dayBefore;
    }

    /// <summary>The first sample's time.</summary>
    public DateTimeOffset First { get; }

    public static IReadOnlyList<string> ParameterCodes { get; } = Signals.Select(s => s.Code).ToArray();

    public int SampleCount { get; }

    public long ValueCount => (long)SampleCount * ValuesPerSample;

    public static string ParkOf(int park) => string.Create(CultureInfo.InvariantCulture, $"Park{park + 1:00}");

    public static string GatewayOf(int park) => string.Create(CultureInfo.InvariantCulture, $"p{park + 1:00}-gw-01");

    public static string StationOf(int station) =>
        string.Create(CultureInfo.InvariantCulture, $"P{(station / StationsPerPark) + 1:00}-WWTP-{(station % StationsPerPark) + 1:00}");

    /// <summary>
    /// The host's environment registering every station of the workload to its park (a
    /// <c>StationsFile</c>): the cloud stores samples only for registered stations. With
    /// <paramref name="alertProbes"/> the probe stations (<see cref="AlertProbe.IsProbe"/>) get a
    /// COD permit limit that the workload never reaches, so a probe's alert is the probe's own.
    /// </summary>
    public static string[] RegistryEnvironment(bool alertProbes = false)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("envmon-bench-stations-").FullName, "stations.json");
        var stations = Enumerable.Range(0, StationCount).Select(s => new
        {
            Park = ParkOf(s / StationsPerPark),
            Station = StationOf(s),
            Permit = alertProbes && AlertProbe.IsProbe(s) ? new[] { new { Parameter = "COD", Max = AlertProbe.CodLimit, Reference = "bench" } } : [],
        });
        File.WriteAllText(file, System.Text.Json.JsonSerializer.Serialize(new { Stations = stations }));
        return [$"StationsFile={file}"];
    }

    /// <summary>Every park of the workload.</summary>
    public static IReadOnlyList<string> AllParks { get; } = [.. Enumerable.Range(0, Parks).Select(ParkOf)];

    /// <summary>The park of sample <paramref name="index"/>.</summary>
    public static int ParkIndexOf(int index) => index % StationCount / StationsPerPark;

    public Sample SampleAt(int index)
    {
        var station = index % StationCount;
        var second = index / StationCount;
        var readings = new Reading[ValuesPerSample];
        for (var p = 0; p < ValuesPerSample; p++)
        {
            readings[p] = new Reading(_parameters[p], ValueOf(index, p));
        }

        return new Sample(StationOf(station), First.AddSeconds(second), readings, _numbered ? second : null);
    }

    /// <summary>The indices of one park's samples in time order: what its gateway forwards.</summary>
    public IEnumerable<int> IndicesOfPark(int park)
    {
        for (var first = park * StationsPerPark; first < SampleCount; first += StationCount)
        {
            for (var i = first; i < first + StationsPerPark && i < SampleCount; i++)
            {
                yield return i;
            }
        }
    }

    private static double ValueOf(int index, int parameter)
    {
        // A cheap integer hash: reproducible, and varied enough that InfluxDB's float compression
        // sees realistic data rather than a constant.
        var h = unchecked(((uint)index * 2654435761u) ^ ((uint)(parameter + 1) * 40503u));
        h ^= h >> 13;
        h = unchecked(h * 0x5bd1e995);
        h ^= h >> 15;
        var (_, low, width) = Signals[parameter];
        return Math.Round(low + (width * (h % 10_000) / 10_000.0), 2);
    }
}
