using EnvMonitoring.Cloud.Rollups;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>
/// A private InfluxDB and the cloud host storing into database <see cref="Database"/>, with the
/// registered stations of <see cref="Stations"/>; tests of a class share them and own their data
/// through their own station ids.
/// </summary>
public abstract class InspectorHostFixture : IAsyncLifetime
{
    public const string Database = "inspectors";
    public const string Park = "TestPark";

    /// <summary>The park's display name, with diacritics.</summary>
    public const string ParkName = "Khu công nghiệp Yên Bình";

    /// <summary>The station configured with a facility and a permit, as a real one would be.</summary>
    public const string NamedStation = "REP-04";

    public const string Facility = "Công ty TNHH Dệt may Phổ Yên";

    public const string Permit = "Giấy phép môi trường số 123/GPMT-UBND";

    private InfluxServer? _influx;
    private CloudHost? _cloud;
    private HttpClient? _inspector;

    public InfluxServer Influx => _influx ?? throw new InvalidOperationException("not started");

    public CloudHost Cloud => _cloud ?? throw new InvalidOperationException("not started");

    /// <summary>Signed in as <see cref="TestUsers.Inspector"/>.</summary>
    public HttpClient Inspector => _inspector ?? throw new InvalidOperationException("not started");

    /// <summary>Registered water stations: COD ≤ 100 mg/L and pH 5.5–9 by permit, reporting every 5 minutes.</summary>
    public static IReadOnlyList<string> Stations { get; } = ["REP-01", "REP-02", "REP-03", "REP-04", "EXP-01", "EXP-02", "EXP-03", "PUB-01", "SIG-01", "SIG-02", "SIG-03", "SIG-04", "SIG-05"];

    protected virtual IEnumerable<KeyValuePair<string, string>> Settings() => [];

    public async Task InitializeAsync()
    {
        _influx = await InfluxServer.StartAsync();
        await _influx.CreateDatabaseAsync(Database);
        // Granted here: the host grants it too at its first write, but a test may query before that.
        await _influx.GrantCloudAsync(Database);
        var settings = new Dictionary<string, string>(Settings())
        {
            ["Parks:0:Id"] = Park,
            ["Parks:0:Name"] = ParkName,
        };
        for (var i = 0; i < Stations.Count; i++)
        {
            var s = $"Stations:{i}:";
            settings[s + "Park"] = Park;
            settings[s + "Station"] = Stations[i];
            settings[s + "Name"] = $"Test plant {Stations[i]}";
            settings[s + "Medium"] = "Water";
            settings[s + "ExpectedInterval"] = "00:05:00";
            settings[s + "Permit:0:Parameter"] = "COD";
            settings[s + "Permit:0:Max"] = "100";
            settings[s + "Permit:0:Reference"] = "test permit 1/GP";
            settings[s + "Permit:1:Parameter"] = "pH";
            settings[s + "Permit:1:Min"] = "5.5";
            settings[s + "Permit:1:Max"] = "9";
            settings[s + "Permit:1:Reference"] = "test permit 1/GP";
            if (Stations[i] == NamedStation)
            {
                settings[s + "Facility"] = Facility;
                settings[s + "PermitNumber"] = Permit;
            }
        }

        _cloud = await CloudHost.StartAsync(_influx, Database, settings);
        _inspector = _cloud.ClientFor(TestUsers.Inspector);
    }

    /// <summary>Writes the points, then runs a rollup pass to completion.</summary>
    public async Task StoreAsync(IEnumerable<StoredReading> readings, bool rollUp = true)
    {
        foreach (var chunk in StoredReading.Lines(Park, readings).Chunk(5000))
        {
            await Influx.WriteAsync(Database, string.Join('\n', chunk));
        }

        if (rollUp)
        {
            await RollUpAsync();
        }
    }

    public Task RollUpAsync() => Cloud.Services.GetRequiredService<RollupService>().RunPassAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        _inspector?.Dispose();
        if (_cloud is not null)
        {
            await _cloud.DisposeAsync();
        }

        if (_influx is not null)
        {
            await _influx.DisposeAsync();
        }
    }
}

/// <summary>The host as configured by default.</summary>
public sealed class InspectorFixture : InspectorHostFixture
{
    /// <summary>EXP-01 gets the facility and permit too (the evidence manifest names them beside the ids).</summary>
    protected override IEnumerable<KeyValuePair<string, string>> Settings()
    {
        var index = Stations.ToList().IndexOf("EXP-01");
        return [new($"Stations:{index}:Facility", Facility), new($"Stations:{index}:PermitNumber", Permit)];
    }
}

/// <summary>The host with a tight open-data rate limit: 3 requests per client per hour.</summary>
public sealed class OpenDataFixture : InspectorHostFixture
{
    public const int Permits = 3;

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [new("OpenData:PermitsPerWindow", Permits.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("OpenData:Window", "01:00:00")];
}

/// <summary>The host without rollups: hourly and daily windows are folded from raw data.</summary>
public sealed class NoRollupFixture : InspectorHostFixture
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("Rollups:Enabled", "false")];
}

/// <summary>The host with the PDF report's font pointing at a file that does not exist.</summary>
public sealed class MissingFontFixture : InspectorHostFixture
{
    public const string Font = "/nonexistent/fonts/NoSuchFont.ttf";

    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("Reports:Font", Font)];
}

/// <summary>The host sealing every second and closing a day's seal as soon as it ends, so data published for yesterday is sealed within seconds.</summary>
public sealed class SealingFixture : InspectorHostFixture
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("Seals:Interval", "00:00:01"), new("Seals:CloseDelay", "00:00:00")];
}
