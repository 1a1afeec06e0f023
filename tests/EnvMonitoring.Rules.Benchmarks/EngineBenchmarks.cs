using BenchmarkDotNet.Attributes;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Benchmarks;

/// <summary>
/// Readings per second through the pure engine, every rule on (default settings), for wastewater
/// stations on QCVN 40:2011 column B sending 6 parameters every 5 minutes of measurement time:
/// one station (a backtest: its state stays in the CPU caches) or 100 interleaved (live: each
/// reading touches state last used 600 readings ago). Each operation is one reading
/// (OperationsPerInvoke), so the mean is the cost of one reading. Public and unsealed because
/// BenchmarkDotNet derives from it.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    public const int ReadingsPerSample = 6;
    public const int ReadingsPerInvoke = 1000 * ReadingsPerSample;

    private static readonly string[] Codes = ["pH", "Temp", "COD", "TSS", "NH4", "FlowOut"];
    private static readonly double[] Typical = [7.2, 29, 45, 12, 2, 120];

    private readonly List<AlertEvent> _events = [];
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 11, 3, 0, 0, 0, TimeSpan.FromHours(7)));
    private RuleEngine _engine = null!;
    private string[] _stations = [];
    private Reading[][] _readings = [];
    private Parameter[] _parameters = [];
    private DateTimeOffset _at;
    private long _round;

    /// <summary>COD's multiple of its limit while measuring: 0.3 is the common path, 1.2 a steady exceedance with its alerts open.</summary>
    [Params(0.3, 1.2)]
    public double CodMultiple { get; set; }

    /// <summary>Stations sending in turn; the readings per operation stay the same.</summary>
    [Params(1, 100)]
    public int Stations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var limits = StationLimits.Resolve(
            RegulationLibrary.Default,
            new LimitDeclaration { Regulation = "QCVN 40:2011/BTNMT", Column = "B", Site = SiteInputs.ForWastewater(1200).WithRiver(100) });
        _parameters = Codes.Select(c => ParameterCatalog.Default[c]).ToArray();
        _engine = new RuleEngine(_clock);
        _stations = Enumerable.Range(0, Stations).Select(i => $"S{i:D3}").ToArray();
        foreach (var station in _stations)
        {
            _engine.Configure(StationRuleProfile.Create(station, Medium.Water, limits.Where(l => Codes.Contains(l.Parameter.Code)), _parameters));
        }

        _readings = _stations.Select(_ => new Reading[ReadingsPerSample]).ToArray();
        _at = _clock.Now;
        // Two days first: windows full, local days closed, alerts of the exceeding case open.
        for (var i = 0; i < 2 * 288; i++)
        {
            Round();
        }

        _events.Clear();
    }

    [Benchmark(OperationsPerInvoke = ReadingsPerInvoke, Description = "RuleEngine.Evaluate, per reading")]
    public int Evaluate()
    {
        for (var i = 0; i < 1000 / Stations; i++)
        {
            Round();
        }

        var count = _events.Count;
        _events.Clear();
        return count;
    }

    private void Round()
    {
        _at = _at.AddMinutes(5);
        _clock.Now = _at;
        var wobble = _round++ % 7;
        for (var s = 0; s < _stations.Length; s++)
        {
            var readings = _readings[s];
            for (var p = 0; p < ReadingsPerSample; p++)
            {
                // Values move a little, as real ones do, so the flat-line rule stays quiet.
                var value = p == 2 ? (150 * CodMultiple) + wobble : Typical[p] * (1 + (wobble * 0.001));
                readings[p] = new Reading(_parameters[p], value);
            }

            _engine.Evaluate(_stations[s], _at, readings, _events);
        }
    }
}
