using System.Globalization;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Backtest;

/// <summary>
/// <c>backtest --station S [--from T] [--to T] [--json] [--tick D] [--warmup D] [--set Key=Value]… [--settings FILE]</c>;
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
        Usage: EnvMonitoring.Cloud backtest --station S [--from TIME] [--to TIME] [options] [--Section:Key=Value …]

        Runs the rules over the station's stored samples and prints what would have fired.

          --station S          a station of the registry (configuration section Stations)
          --from, --to TIME    the range: RFC 3339 (2026-11-30T08:00:00+07:00), a local date or time
                               in Asia/Ho_Chi_Minh (2026-11-30, 2026-11-30T08:00), or relative to now
                               (now, now-30m, now-6h, now-2d); default the last hour (--to now,
                               --from one hour before --to)
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

    /// <summary>The range when <c>--from</c> is not given: the hour before <c>--to</c>.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(1);

    public static BacktestArguments Parse(IReadOnlyList<string> args) => Parse(args, DateTimeOffset.UtcNow);

    /// <summary>Parses <paramref name="args"/>; relative times and the defaults count from <paramref name="now"/>.</summary>
    public static BacktestArguments Parse(IReadOnlyList<string> args, DateTimeOffset now)
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

        if (station is null)
        {
            throw new BacktestUsageException($"--station is required.\n\n{Usage}");
        }

        var end = to is null ? now : Time("--to", to, now);
        var start = from is null ? end - DefaultRange : Time("--from", from, now);
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
    public static DateTimeOffset Time(string option, string text) => Time(option, text, DateTimeOffset.UtcNow);

    /// <summary>As <see cref="Time(string, string)"/>, and <c>now</c> or <c>now-N</c> with a unit
    /// (<c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>) counted back from <paramref name="now"/>.</summary>
    public static DateTimeOffset Time(string option, string text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "now")
        {
            return now;
        }

        if (text.StartsWith("now-", StringComparison.Ordinal))
        {
            return now - Ago(option, text);
        }

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
            $"{option} '{text}' is not a time: use RFC 3339 (2026-11-30T08:00:00+07:00 or …Z), a local date or time in Asia/Ho_Chi_Minh (2026-11-30, 2026-11-30T08:00) or a time relative to now (now, now-30m, now-6h, now-2d).");
    }

    private static TimeSpan Ago(string option, string text)
    {
        var amount = text.AsSpan(4, Math.Max(0, text.Length - 5));
        if (text.Length > 5 && int.TryParse(amount, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(count);
                case 'm': return TimeSpan.FromMinutes(count);
                case 'h': return TimeSpan.FromHours(count);
                case 'd': return TimeSpan.FromDays(count);
            }
        }

        throw new BacktestUsageException($"{option} '{text}' is not a time relative to now: use now-N with s, m, h or d (now-30m, now-6h, now-2d).");
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
