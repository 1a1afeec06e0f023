using System.Text.Json;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Backtest;

/// <summary>
/// <c>EnvMonitoring.Cloud backtest …</c> (<c>./envmon backtest …</c>): runs the rules over a
/// station's stored history with the host's configuration (InfluxDB, station registry) and prints
/// what would have fired, so staff can tune a rule before enabling it (docs/rules.md §9).
/// </summary>
public static class BacktestCommand
{
    public const string Name = "backtest";

    /// <summary>Runs from the command line: tables to stdout, progress and errors to stderr, Ctrl-C stops it.</summary>
    public static async Task<int> RunFromConsoleAsync(IReadOnlyList<string> args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            return await RunAsync(args, Console.Out, Console.Error, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("backtest: stopped.");
            return 130;
        }
    }

    /// <summary>Runs the back-test; returns the process exit code (0 done, 1 failed, 2 bad usage).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a is "-h" or "--help"))
        {
            await output.WriteLineAsync(BacktestArguments.Usage);
            return 0;
        }

        try
        {
            var arguments = BacktestArguments.Parse(args);
            if (arguments.From >= DateTimeOffset.UtcNow)
            {
                throw new BacktestUsageException($"--from ({arguments.From:O}) is in the future: there is no history there yet.");
            }

            await using var services = Services(arguments);
            var registry = services.GetRequiredService<StationRegistry>();
            if (!registry.TryGet(arguments.Station, out var station))
            {
                throw new BacktestUsageException(
                    $"Station '{arguments.Station}' is not in the station registry (configuration section Stations); " +
                    (registry.All.Count == 0 ? "the registry is empty." : $"known: {string.Join(", ", registry.All.Select(s => s.Station))}."));
            }

            var settings = Settings(station, arguments);
            var run = new BacktestRun(services.GetRequiredService<SampleHistory>(), TimeProvider.System, errors);
            var result = await run.RunAsync(station, settings, arguments, cancellationToken);
            if (arguments.Json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(BacktestJson.Of(result, arguments.Set), BacktestJsonContext.Default.BacktestJson));
            }
            else
            {
                BacktestTable.Write(output, result, arguments.Set);
            }

            return 0;
        }
        catch (BacktestUsageException e)
        {
            await errors.WriteLineAsync($"backtest: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is InfluxException or HttpRequestException or InvalidOperationException or ArgumentException)
        {
            await errors.WriteLineAsync($"backtest failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>The host's own configuration (appsettings, environment, user secrets) and its storage and registry.</summary>
    private static ServiceProvider Services(BacktestArguments arguments)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. arguments.Configuration], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(SampleCodec.Default);
        builder.Services.AddSingleton(SampleCodec.Default.Catalog);
        builder.AddInfluxStorage();
        builder.AddStationRegistry();
        return builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
    }

    /// <summary>The station's settings with <c>--settings</c> then <c>--set</c> applied, as <c>Stations:N:Rules</c> would.</summary>
    private static RuleSettings Settings(RegisteredStation station, BacktestArguments arguments)
    {
        var current = station.Profile.Settings;
        if (arguments.Set.Count == 0 && arguments.SettingsFile is null)
        {
            return current;
        }

        var configuration = new ConfigurationBuilder();
        if (arguments.SettingsFile is { } file)
        {
            if (!File.Exists(file))
            {
                throw new BacktestUsageException($"--settings: no file {Path.GetFullPath(file)}.");
            }

            configuration.AddJsonFile(Path.GetFullPath(file), optional: false);
        }

        configuration.AddInMemoryCollection(arguments.Set);
        RuleOverrides overrides;
        try
        {
            overrides = configuration.Build().Get<RuleOverrides>(o => o.ErrorOnUnknownConfiguration = true) ?? new RuleOverrides();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException or InvalidDataException)
        {
            throw new BacktestUsageException(
                $"the rule settings do not apply: {e.Message} Known settings: {string.Join(", ", typeof(RuleOverrides).GetProperties().Select(p => p.Name))}.");
        }

        var settings = overrides.Apply(current, current.ReportInterval);
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new BacktestUsageException($"the rule settings are not valid: {e.Message}");
        }

        return settings;
    }
}
