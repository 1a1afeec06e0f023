using System.Globalization;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Backtest;

/// <summary>
/// <c>backtest --station S --from T --to T [--json] [--tick D] [--warmup D] [--set Key=Value]… [--settings FILE]</c>;
/// any other <c>--Section:Key=Value</c> or <c>--Key=Value</c> is configuration (as for the host: <c>--Influx:Url=…</c>, <c>--StationsFile=…</c>).
/// </summary>
internal sealed record BacktestArguments(
    string Station,
    DateTimeOffset From,
    DateTimeOffset To,
    bool Json,
    TimeSpan Tick,
    TimeSpan Warmup,
    IReadOnlyList<KeyValuePair<string, string?>> Set,
    string? SettingsFile,
    IReadOnlyList<string> Configuration)
{
    public const string Usage = """
        Usage: EnvMonitoring.Cloud backtest --station S --from TIME --to TIME [options] [--Section:Key=Value …]

        Runs the rules over the station's stored samples and prints what would have fired.

          --station S          a station of the registry (configuration section Stations)
          --from, --to TIME    the range: RFC 3339 (2026-11-30T08:00:00+07:00), or a local date or time
                               in Asia/Ho_Chi_Minh (2026-11-30, 2026-11-30T08:00)
          --json               print JSON instead of a table
          --tick DURATION      how often, in data time, time-driven rules are judged (default 00:01:00)
          --warmup DURATION    history before --from that fills the windows first (default 1.00:00:00)
          --set Key=Value      override a rule setting of the station, as in Stations:N:Rules
                               (SustainedFor=00:10:00, ClearTime=00:05:00, ApproachRatio=0.9,
                               RateOfChangePerHour:COD=50, Disabled:0=FlatLine); repeatable
          --settings FILE      rule settings as JSON, e.g. { "SustainedFor": "00:10:00" }
          --Section:Key=Value  configuration, as for the host (e.g. --Influx:Url=http://127.0.0.1:8086,
                               --StationsFile=stations.json)
        """;

    public static BacktestArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? station = null, from = null, to = null, settingsFile = null;
        var json = false;
        var tick = TimeSpan.FromMinutes(1);
        var warmup = TimeSpan.FromDays(1);
        var set = new List<KeyValuePair<string, string?>>();
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--station": station = Value(args, ref i); break;
                case "--from": from = Value(args, ref i); break;
                case "--to": to = Value(args, ref i); break;
                case "--json": json = true; break;
                case "--tick": tick = Duration(arg, Value(args, ref i)); break;
                case "--warmup": warmup = Duration(arg, Value(args, ref i)); break;
                case "--settings": settingsFile = Value(args, ref i); break;
                case "--set":
                    var pair = Value(args, ref i);
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw new BacktestUsageException($"--set needs Key=Value (e.g. SustainedFor=00:10:00), not '{pair}'.");
                    }

                    set.Add(new(pair[..equals], pair[(equals + 1)..]));
                    break;
                default:
                    if (!arg.StartsWith("--", StringComparison.Ordinal) || !arg.Contains(':', StringComparison.Ordinal) && !arg.Contains('=', StringComparison.Ordinal))
                    {
                        throw new BacktestUsageException($"Unknown argument '{arg}'.\n\n{Usage}");
                    }

                    configuration.Add(arg);
                    if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count)
                    {
                        configuration.Add(args[++i]);
                    }

                    break;
            }
        }

        if (station is null || from is null || to is null)
        {
            throw new BacktestUsageException($"--station, --from and --to are required.\n\n{Usage}");
        }

        var start = Time("--from", from);
        var end = Time("--to", to);
        if (end <= start)
        {
            throw new BacktestUsageException($"--to ({end:O}) must be after --from ({start:O}).");
        }

        if (tick < TimeSpan.FromSeconds(1))
        {
            throw new BacktestUsageException($"--tick must be at least 1 second; it is {tick}.");
        }

        if (warmup < TimeSpan.Zero)
        {
            throw new BacktestUsageException($"--warmup must not be negative; it is {warmup}.");
        }

        return new BacktestArguments(station, start, end, json, tick, warmup, set, settingsFile, configuration);
    }

    /// <summary>RFC 3339 with an offset; without one, a local date or date-time of the province (UTC+7).</summary>
    public static DateTimeOffset Time(string option, string text)
    {
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact)
            && (text.EndsWith('Z') || text.Length > 6 && text[^6] is '+' or '-'))
        {
            return exact;
        }

        if (DateTime.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return ProvinceTime.FromLocal(local);
        }

        throw new BacktestUsageException(
            $"{option} '{text}' is not a time: use RFC 3339 (2026-11-30T08:00:00+07:00 or …Z) or a local date or time in Asia/Ho_Chi_Minh (2026-11-30, 2026-11-30T08:00).");
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new BacktestUsageException($"{args[i]} needs a value.");
        }

        return args[++i];
    }

    private static TimeSpan Duration(string option, string text) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BacktestUsageException($"{option} '{text}' is not a duration (e.g. 00:05:00 or 1.00:00:00).");
}
