using EnvMonitoring.Edge.Intake;
using EnvMonitoring.Edge.Log;
using EnvMonitoring.Testing.Logging;
using Microsoft.Extensions.Configuration;

namespace EnvMonitoring.Edge.Tests.Intake;

/// <summary>
/// The real <see cref="DropFolderIntake"/> in a real generic host over a private temp folder, with a
/// <see cref="RecordingSink"/> as the log. Files may be dropped before <see cref="StartAsync"/>.
/// Disposing fails the test on a warning or error its <see cref="Log"/> does not expect.
/// </summary>
internal sealed class IntakeHost : IAsyncDisposable
{
    public const string FileStation = "TN_YBWWTP_NUOC01";
    public const string Station = "TN-YB-WWTP-01";
    public const string OtherFileStation = "TN_SC2_NUOC01";
    public const string OtherStation = "TN-SC2-WWTP-01";

    private IHost? _host;
    private bool _started;

    public IntakeHost()
    {
        Root = Path.Combine(Path.GetTempPath(), "envmon-intake-" + Guid.NewGuid().ToString("N"));
        Drop = Path.Combine(Root, "drop");
        Directory.CreateDirectory(Drop);
    }

    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(15);

    public string Root { get; }

    public string Drop { get; }

    public string Archive => Path.Combine(Drop, "archive");

    public string Rejected => Path.Combine(Drop, "rejected");

    public RecordingSink Sink { get; } = new();

    public TestLog Log { get; } = new();

    /// <summary>Settings in effect; tests change them before <see cref="StartAsync"/>.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Gateway:Intake:DropDirectory"] = "drop",
        ["Gateway:Intake:SettleTime"] = "00:00:00.100",
        ["Gateway:Intake:PollInterval"] = "00:00:00.050",
        ["Gateway:Intake:Stations:0:FileStation"] = FileStation,
        ["Gateway:Intake:Stations:0:Station"] = Station,
        ["Gateway:Intake:Stations:0:Parameters:Flow_in:Code"] = "FlowIn",
        ["Gateway:Intake:Stations:0:Ignore:0"] = "Camera",
        ["Gateway:Intake:Stations:1:FileStation"] = OtherFileStation,
        ["Gateway:Intake:Stations:1:Station"] = OtherStation,
        ["Gateway:Intake:Stations:1:Parameters:Flow_lps:Code"] = "FlowOut",
        ["Gateway:Intake:Stations:1:Parameters:Flow_lps:Factor"] = "3.6",
        ["Gateway:Intake:Stations:1:Parameters:Flow_lps:Unit"] = "l/s",
    };

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The host has not started.");

    public IntakeCounters Counters => Services.GetRequiredService<IntakeCounters>();

    /// <summary>Builds and starts the host; <paramref name="time"/> replaces the system clock when given.</summary>
    public async Task StartAsync(TimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = Root,
            EnvironmentName = "Test",
        });
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Logging.ClearProviders().AddProvider(Log.Provider).SetMinimumLevel(LogLevel.Debug);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddSingleton<ISampleSink>(Sink);
        builder.AddFileIntake();
        _host = builder.Build();
        await _host.StartAsync();
        _started = true;
    }

    public async Task StopAsync()
    {
        if (_host is not null && _started)
        {
            _started = false;
            using var timeout = new CancellationTokenSource(Patience);
            await _host.StopAsync(timeout.Token);
        }
    }

    /// <summary>Writes a file into the drop folder in one go.</summary>
    public string DropFile(string name, string content)
    {
        var path = Path.Combine(Drop, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string ArchivedPath(string name, string day = "2025/03/15") => Path.Combine(Archive, day.Replace('/', Path.DirectorySeparatorChar), name);

    public string RejectedPath(string name) => Path.Combine(Rejected, name);

    public Task UntilArchivedAsync(string name, string day = "2025/03/15") =>
        EnvMonitoring.Testing.Eventually.UntilAsync(() => File.Exists(ArchivedPath(name, day)), Patience, $"{name} is in the archive");

    public Task UntilRejectedAsync(string name) =>
        EnvMonitoring.Testing.Eventually.UntilAsync(() => File.Exists(RejectedPath(name)) && File.Exists(RejectedPath(name) + ".reason.txt"),
            Patience, $"{name} and its reason are in rejected/");

    /// <summary>Waits until the intake's first pass over the folder is done.</summary>
    public Task UntilStartedAsync() =>
        EnvMonitoring.Testing.Eventually.UntilAsync(() => Counters.Scans >= 1, Patience, "the intake completed its first pass");

    /// <summary>Waits until the intake has completed <paramref name="passes"/> more passes over the folder.</summary>
    public async Task UntilPassesAsync(int passes = 1)
    {
        var target = Counters.Scans + passes;
        await EnvMonitoring.Testing.Eventually.UntilAsync(() => Counters.Scans >= target, Patience, $"the intake completed {passes} more pass(es)");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host?.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was left to clean.
        }

        Log.Dispose();
    }
}
