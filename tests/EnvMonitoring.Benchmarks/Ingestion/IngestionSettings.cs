using System.Globalization;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>The ingestion benchmark's command line.</summary>
internal sealed record IngestionSettings(
    IReadOnlyList<string> Scenarios,
    long RawValues,
    long GatewayValues,
    long StationValues,
    bool Quick,
    string JsonPath,
    bool ShowHelp,
    int Rounds = 1)
{
    /// <summary>Default size of (a) and (b): about 15-30 s each on the two-core build machine.</summary>
    public const long DefaultValues = 16_000_000;

    /// <summary>(c) and (d) move a value per 8 in a message of its own, so they get this share of <c>--values</c>.</summary>
    public const long StationShareDivisor = 8;

    public const long QuickValues = 800_000;

    public const string Usage = """
        Usage: EnvMonitoring.Benchmarks [options]          the ingestion benchmark (./envmon bench)
               EnvMonitoring.Benchmarks micro [BDN args]   codec micro-benchmarks (./envmon bench --micro)
               EnvMonitoring.Benchmarks gateway [...]      the edge gateway's durable log (./envmon bench gateway)

        Starts one private influxd and runs, in order:
          a        raw ceiling: pre-encoded 10,000-line batches posted by our InfluxClient, 2 in flight
          b-plain  (b) without protections: plaintext, anonymous, append-only check off
          b-unsealed (b) as shipped but with sealing off: what the seals cost (b)
          b        gateway-style, as shipped: 20 gateways publish 100-sample batches through the real
                   cloud host over TLS, each as its own broker identity, append-only check on
          c-plain  (c) without protections
          c        station-style, as shipped: 200 stations, a connection each, one sample per MQTT
                   message through the real cloud host
          d        (c) through 2 cloud instances sharing the 20 parks via mosquitto and Redis (issue
                   #20): values/s beside (c)'s, alert latency at a hub client on the other instance
        (c), (c-plain) and (d) then time 40 alerts on the same hosts (one COD reading over a limit
        per probe station) from publish to a hub client. Then prints a table, the same as JSON, and
        the targets with PASS/MISS. Exit code 1 only on
        an error or data loss (every scenario checks an exact COUNT in InfluxDB), never on a MISS.

        Options:
          --scenario a,b,... which scenarios to run, of a, b-plain, b-unsealed, b, c-plain, c, d (default all)
          --values N         values for (a) and (b), (c) and (d) get N/8; suffixes k and M allowed
                             (default 16M; (c) and (d) 2M)
          --quick            a smoke run: 800k values for (a) and (b), 100k for (c) and (d)
          --rounds N         run the scenarios N times in turn, every other time backwards (1-15,
                             default 1): each row and target is then the run with its scenario's
                             median values/s, every run in the JSON
          --json PATH        where to write the JSON (default TestResults/bench/ingestion.json)
          --help             this text
        """;

    /// <summary>Every scenario, in the order they run.</summary>
    public static readonly IReadOnlyList<string> AllScenarios =
        [RawCeilingScenario.Id, GatewayScenario.PlainId, GatewayScenario.UnsealedId, GatewayScenario.Id, StationScenario.PlainId, StationScenario.Id, StationScenario.ClusterId];

    public static IngestionSettings Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var scenarios = AllScenarios.ToList();
        long? values = null;
        var quick = false;
        var json = Repository.DefaultJsonPath;
        var help = false;
        var rounds = 1;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--scenario" or "--scenarios":
                    scenarios = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(s => s.ToLowerInvariant()).Distinct().ToList();
                    if (scenarios.Count == 0 || scenarios.Any(s => !AllScenarios.Contains(s)))
                    {
                        throw new UsageException($"--scenario takes a comma-separated list of {string.Join(", ", AllScenarios)}, not '{args[i]}'.");
                    }

                    scenarios = [.. AllScenarios.Where(scenarios.Contains)];
                    break;
                case "--values":
                    values = ParseCount(Value(args, ref i));
                    break;
                case "--rounds":
                    rounds = int.TryParse(Value(args, ref i), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 15
                        ? n
                        : throw new UsageException($"--rounds takes a count from 1 to 15, not '{args[i]}'.");
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--json":
                    json = Path.GetFullPath(Value(args, ref i));
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                default:
                    throw new UsageException($"unknown option '{args[i]}'.");
            }
        }

        var total = values ?? (quick ? QuickValues : DefaultValues);
        var station = Math.Max(total / StationShareDivisor, 8);
        return new IngestionSettings(scenarios, total, total, station, quick, json, help, rounds);
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new UsageException($"{args[i]} needs a value.");
        }

        return args[++i];
    }

    private static long ParseCount(string text)
    {
        var multiplier = 1L;
        var digits = text.Trim();
        if (digits.EndsWith('k') || digits.EndsWith('K'))
        {
            multiplier = 1_000;
            digits = digits[..^1];
        }
        else if (digits.EndsWith('M') || digits.EndsWith('m'))
        {
            multiplier = 1_000_000;
            digits = digits[..^1];
        }

        if (!double.TryParse(digits.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number * multiplier < 80)
        {
            throw new UsageException($"--values takes a count of at least 80, like 3000000, 500k or 3M, not '{text}'.");
        }

        return (long)(number * multiplier);
    }
}
