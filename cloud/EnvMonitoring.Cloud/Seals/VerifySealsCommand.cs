using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>
/// <c>EnvMonitoring.Cloud verify-seals --station S --from yyyy-MM-dd [--to yyyy-MM-dd] [--public-key FILE]… [--json]</c>
/// (<c>./envmon verify-seals</c>): recomputes each local day from InfluxDB with the host's configuration and
/// checks it against its seals, trusting the keys given or else the centre's public keys in
/// <see cref="SealsOptions.KeyDirectory"/>. Exit 0 every day intact, 1 a day tampered, 3 a day not
/// sealed (none tampered), 2 bad usage or no store.
/// </summary>
public static class VerifySealsCommand
{
    public const string Name = "verify-seals";

    public const string Usage = """
        usage: verify-seals --station S --from yyyy-MM-dd [--to yyyy-MM-dd] [--public-key FILE]... [--json]
          Checks each local (UTC+7) day of a station as InfluxDB holds it now against its seals:
          INTACT, TAMPERED (each altered, deleted or inserted reading or event named) or UNSEALED.
          --public-key  trust only this PEM public key (repeatable); default: the centre's keys (Seals:KeyDirectory)
          --json        one JSON document instead of the table
          --Section:Key=Value  configuration, as for the host (e.g. --Influx:Url=http://127.0.0.1:8086)
          exit: 0 all intact, 1 a day tampered, 3 a day not sealed, 2 bad usage or storage unreachable
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (args.Any(a => a is "-h" or "--help"))
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        string? station = null;
        DateOnly? from = null;
        DateOnly? to = null;
        var keyFiles = new List<string>();
        var configuration = new List<string>();
        var json = false;
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--station": station = Value(); break;
                    case "--from": from = Day(Value(), "--from"); break;
                    case "--to": to = Day(Value(), "--to"); break;
                    case "--public-key": keyFiles.Add(Value()); break;
                    case "--json": json = true; break;
                    // Configuration, as for the host and backtest: --Influx:Url=… or --Influx:Url …
                    case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains(':', StringComparison.Ordinal):
                        configuration.Add(setting);
                        if (!setting.Contains('=', StringComparison.Ordinal))
                        {
                            configuration.Add(Value());
                        }

                        break;
                    default: throw new ArgumentException($"unknown argument '{args[i]}'.");
                }
            }

            if (station is null || from is null)
            {
                throw new ArgumentException("--station and --from are required.");
            }

            to ??= from;
            if (to < from || to.Value.DayNumber - from.Value.DayNumber >= IntegrityChecker.MaxDays)
            {
                throw new ArgumentException($"--to must be on or after --from, at most {IntegrityChecker.MaxDays} days in all.");
            }
        }
        catch (ArgumentException e)
        {
            await errors.WriteLineAsync($"verify-seals: {e.Message}\n{Usage}");
            return 2;
        }

        await using var services = Services(configuration);
        if (!services.GetRequiredService<StationRegistry>().TryGet(station, out _))
        {
            await errors.WriteLineAsync($"verify-seals: station '{station}' is not in the station registry.");
            return 2;
        }

        var keys = services.GetRequiredService<SealingKeys>();
        var trusted = new SealKeys();
        try
        {
            foreach (var pem in keyFiles.Count > 0 ? keyFiles.Select(File.ReadAllText) : keys.Published().Select(k => k.PublicKey))
            {
                trusted.AddPem(pem);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException or InvalidDataException)
        {
            await errors.WriteLineAsync($"verify-seals: cannot read a public key: {e.Message}");
            return 2;
        }

        if (trusted.Ids.Count == 0)
        {
            await errors.WriteLineAsync($"verify-seals: no public key to trust: give --public-key FILE (from GET /api/seals/keys), or run where {keys.Directory} holds the centre's keys.");
            return 2;
        }

        List<DayIntegrity> days;
        try
        {
            var checker = new IntegrityChecker(services.GetRequiredService<SealStore>(), services.GetRequiredService<DayReader>(), () => trusted, TimeProvider.System);
            days = await checker.CheckAsync(station, from.Value, to.Value, cancellationToken);
        }
        catch (Exception e) when (e is InfluxException or HttpRequestException)
        {
            await errors.WriteLineAsync($"verify-seals: InfluxDB cannot be read: {e.Message}");
            return 2;
        }

        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new { station, days = days.Select(IntegrityView.Of) }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        }
        else
        {
            foreach (var day in days)
            {
                var seals = day.Seals.Count == 0 ? "no seal" : string.Join(",", day.Seals.Select((id, i) => $"v{i + 1}:{id[..12]}"));
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{ProvinceTime.DayText(day.Day)}  {WireName.Of(day.Verdict).ToUpperInvariant(),-9} {day.SealedSamples} sample(s), {day.SealedEvents} event(s) sealed; {seals}{(day.AwaitingSeal > 0 ? $"; {day.AwaitingSeal} awaiting the next seal" : "")}"));
                foreach (var finding in day.Findings)
                {
                    await output.WriteLineAsync($"    {WireName.Of(finding.Kind),-9} {finding.Detail}");
                }
            }

            var tampered = days.Count(d => d.Verdict == DayVerdict.Tampered);
            var unsealed = days.Count(d => d.Verdict == DayVerdict.Unsealed);
            await output.WriteLineAsync(tampered > 0 ? $"TAMPERED: {tampered} of {days.Count} day(s)"
                : unsealed > 0 ? $"NOT SEALED: {unsealed} of {days.Count} day(s){(unsealed < days.Count ? "; the others intact" : "")}"
                : $"INTACT: {days.Count} day(s)");
        }

        return days.Any(d => d.Verdict == DayVerdict.Tampered) ? 1 : days.Any(d => d.Verdict == DayVerdict.Unsealed) ? 3 : 0;
    }

    private static DateOnly Day(string text, string name) =>
        ProvinceTime.TryParseDay(text, out var day)
            ? day
            : throw new ArgumentException($"{name} must be a local day, yyyy-MM-dd; got '{text}'.");

    /// <summary>The host's own configuration (appsettings, environment) with its storage, registry and seal store; no sealer.</summary>
    private static ServiceProvider Services(List<string> configuration)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. configuration], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(SampleCodec.Default);
        builder.Services.AddSingleton(SampleCodec.Default.Catalog);
        builder.AddInfluxStorage();
        builder.AddStationRegistry();
        builder.Services.AddOptions<SealsOptions>().BindConfiguration(SealsOptions.Section);
        builder.Services.AddSingleton<AlertEventStore>();
        builder.Services.AddSingleton<SealingKeys>();
        builder.Services.AddSingleton<SealStore>();
        builder.Services.AddSingleton<DayReader>();
        return builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
    }
}
