using System.Globalization;
using System.Text;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Cloud.Tests.Backtest;

/// <summary>
/// A station's stored history for a back-test, written straight into a real InfluxDB as the
/// ingestion writes it (docs/storage.md): COD every 5 min from 07:30 to 10:00 on 10/11/2026
/// (Thai Nguyen time), 50–52 mg/L against a permit limit of 100 except 160, 250 and 170 mg/L at
/// 08:30, 08:35 and 08:40; nothing after 10:00.
/// </summary>
internal sealed class BacktestHistory(InfluxServer influx, string database, string park, string station)
{
    public static readonly DateTimeOffset First = new(2026, 11, 10, 7, 30, 0, TimeSpan.FromHours(7));
    public static readonly DateTimeOffset Last = new(2026, 11, 10, 10, 0, 0, TimeSpan.FromHours(7));

    public string Database => database;

    public string Station => station;

    public static double CodAt(DateTimeOffset at) => (at.Hour, at.Minute) switch
    {
        (8, 30) => 160,
        (8, 35) => 250,
        (8, 40) => 170,
        // Never the same value for an hour, so the flat-line rule stays quiet.
        _ => 50 + (at.Minute / 5 % 3),
    };

    public async Task WriteAsync()
    {
        await influx.CreateDatabaseAsync(database);
        await influx.GrantCloudAsync(database);
        var lines = new StringBuilder();
        for (var at = First; at <= Last; at += TimeSpan.FromMinutes(5))
        {
            lines.Append(CultureInfo.InvariantCulture, $"sample,park={park},station={station} COD={CodAt(at)} {at.ToUnixTimeMilliseconds()}\n");
        }

        await influx.WriteAsync(database, lines.ToString());
    }

    /// <summary>
    /// The host's configuration for this history, as command-line arguments; with
    /// <paramref name="credentials"/>, the cloud user's too (only for runs in this process: a child
    /// process gets them from <see cref="CredentialEnvironment"/>, never on its command line).
    /// </summary>
    public IEnumerable<string> Configuration(bool credentials = true) =>
    [
        $"--Influx:Url={influx.BaseUri}",
        $"--Influx:Database={database}",
        .. credentials ? (string[])[$"--Influx:Username={influx.Cloud.Username}", $"--Influx:Password={influx.Cloud.Password}"] : [],
        $"--Stations:0:Park={park}",
        $"--Stations:0:Station={station}",
        "--Stations:0:Name=Trạm thử nghiệm",
        "--Stations:0:Medium=Water",
        "--Stations:0:ExpectedInterval=00:05:00",
        "--Stations:0:Parameters:0=COD",
        "--Stations:0:Permit:0:Parameter=COD",
        "--Stations:0:Permit:0:Max=100",
        "--Stations:0:Permit:0:Reference=Test permit",
    ];

    /// <summary>The cloud user's credentials as the environment variables a child process reads.</summary>
    public IEnumerable<KeyValuePair<string, string>> CredentialEnvironment() =>
    [
        new("Influx__Username", influx.Cloud.Username),
        new("Influx__Password", influx.Cloud.Password),
    ];
}
