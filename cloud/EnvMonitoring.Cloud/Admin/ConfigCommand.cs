using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Admin;

/// <summary>
/// <c>EnvMonitoring.Cloud config export|import --file F</c> (<c>./envmon config</c>): the parks and
/// stations of the configuration store as a stations file (<c>{"Parks":[…],"Stations":[…]}</c>, the
/// <see cref="StationsFile"/> format). An import resolves every station of the file before it writes
/// anything, then writes them in one transaction; a running host takes them within seconds (it polls
/// the store's revision). Items of the store the file does not name are left as they are.
/// </summary>
public static class ConfigCommand
{
    public const string Name = "config";

    /// <summary>Who the store records as the writer of imported items.</summary>
    public const string ImportedBy = "config import";

    public const string Usage = """
        usage: config export --file F | config import --file F
          export  writes the store's parks and stations to F as a stations file ({"Parks":[…],"Stations":[…]})
          import  reads F (the same format), resolves every station against the regulation library, and only
                  when all resolve writes them and their parks into the store in one transaction; items the
                  file does not name stay as they are. A running host applies the change within seconds.
          --Section:Key=Value  configuration, as for the host (e.g. --Config:Path=/var/lib/envmon-cloud/config.db;
                  a PostgreSQL store: --Config:Provider=postgres, its connection string in Config__ConnectionString)
          exit: 0 done, 1 the file is not valid (nothing written), 2 bad usage or the store cannot be opened
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

        string? verb = null;
        string? file = null;
        var configuration = new List<string>();
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "export" or "import" when verb is null: verb = args[i]; break;
                    case "--file": file = Value(); break;
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

            if (verb is null || file is null)
            {
                throw new ArgumentException("say export or import, and --file.");
            }
        }
        catch (ArgumentException e)
        {
            await errors.WriteLineAsync($"config: {e.Message}\n{Usage}");
            return 2;
        }

        IConfigStore store;
        try
        {
            store = Store(configuration);
        }
        catch (ValidationException e)
        {
            await errors.WriteLineAsync($"config: {e.Message}");
            return 2;
        }

        await using var pool = store as IAsyncDisposable;
        try
        {
            await store.InitializeAsync(cancellationToken);
            return verb == "export"
                ? await ExportAsync(store, file, output, cancellationToken)
                : await ImportAsync(store, file, output, errors, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException or UnauthorizedAccessException or DbException)
        {
            // The store cannot be opened or read (the message names the file or the item), or the export cannot be written.
            await errors.WriteLineAsync($"config: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> ExportAsync(IConfigStore store, string file, TextWriter output, CancellationToken cancellationToken)
    {
        var parks = (await store.ListAsync(ConfigKind.Park, cancellationToken)).Select(ConfigDocuments.Park).ToList();
        var stations = (await store.ListAsync(ConfigKind.Station, cancellationToken)).Select(ConfigDocuments.Station).ToList();
        await File.WriteAllTextAsync(file, StationsFile.Write(new RegistryDefinitions(parks, stations)), cancellationToken);
        await output.WriteLineAsync($"config: exported {parks.Count} park(s) and {stations.Count} station(s) to {Path.GetFullPath(file)}");
        return 0;
    }

    private static async Task<int> ImportAsync(IConfigStore store, string file, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        RegistryDefinitions read;
        try
        {
            read = StationsFile.Read(file);
            // The file's parks name its stations' parks; the store's parks stand for those it does not list.
            var storeParks = (await store.ListAsync(ConfigKind.Park, cancellationToken)).Select(ConfigDocuments.Park).Where(p => !read.Parks.Any(f => f.Id == p.Id));
            StationRegistry.Build(read.Stations, [.. read.Parks, .. storeParks], RegulationLibrary.Default, SampleCodec.Default.Catalog, RuleSettings.Default);
        }
        catch (InvalidOperationException e)
        {
            await errors.WriteLineAsync($"config: nothing imported: {e.Message}");
            return 1;
        }

        var items = read.Parks.Select(ConfigDocuments.Of).Concat(read.Stations.Select(ConfigDocuments.Of)).ToList();
        var changed = await store.ImportAsync(items, ImportedBy, cancellationToken);
        await output.WriteLineAsync($"config: imported {read.Parks.Count} park(s) and {read.Stations.Count} station(s) from {Path.GetFullPath(file)}; {changed} item(s) changed");
        return 0;
    }

    /// <summary>The store the host's own configuration (appsettings, environment, <c>--Config:Path</c>, <c>--Config:Provider</c>) names.</summary>
    /// <exception cref="ValidationException">The section <c>Config</c> is not valid (e.g. postgres without a connection string).</exception>
    private static IConfigStore Store(List<string> configuration)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. configuration], ContentRootPath = AppContext.BaseDirectory });
        var options = builder.Configuration.GetSection(ConfigOptions.Section).Get<ConfigOptions>() ?? new ConfigOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return ConfigRegistration.Create(options, builder.Environment.ContentRootPath, TimeProvider.System);
    }
}
