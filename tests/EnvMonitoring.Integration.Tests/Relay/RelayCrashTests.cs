using System.Collections.Concurrent;
using System.Globalization;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;

namespace EnvMonitoring.Integration.Tests.Relay;

/// <summary>
/// The cloud host as a real process, SIGKILLed while it uploads to a real SFTP server (sshd), then
/// started again: every file arrives, and no file is ever seen incomplete under its final name.
/// </summary>
public sealed class RelayCrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_SIGKILL_during_uploads_loses_no_file_and_shows_none_half_written()
    {
        await using var influx = await InfluxServer.StartAsync();
        await using var sftp = await SshdServer.StartAsync();
        const string Database = "relay_crash";
        await influx.CreateDatabaseAsync(Database);
        // Thirty closed intervals of one minute for five stations: 150 files to upload back to back at start.
        var data = RelayData.For("RLK", 5, RelayData.AlignedAgo(TimeSpan.FromMinutes(40), Interval), minutes: 30);
        await data.WriteAsync(influx, Database);
        var expected = data.FileNames(Interval, 30);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);

        // Watches the folder all along: a final name must only ever hold the complete file.
        using var stop = new CancellationTokenSource();
        var seen = new ConcurrentDictionary<string, byte>();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var path in Directory.GetFiles(sftp.Root).Where(p => p.EndsWith(".txt", StringComparison.Ordinal)))
                {
                    if (seen.TryAdd(Path.GetFileName(path), 0))
                    {
                        data.Check(Path.GetFileName(path), await File.ReadAllBytesAsync(path), Interval, names);
                    }
                }

                await Task.Delay(5);
            }
        });

        await using var cloud = await CloudProcess.StartAsync(
            new CloudProcessSettings { Influx = influx, Database = Database, BrokerPort = FreePort.Next(), Extra = Settings(sftp, data) }, output);
        await Eventually.UntilAsync(() => Count(sftp) >= 10 || watcher.IsFaulted, Wait, "the relay has uploaded some files");
        Assert.True(Count(sftp) < expected.Count, "the kill must land while uploads are still under way");
        await cloud.KillAsync();
        output.WriteLine($"killed with {Count(sftp)} of {expected.Count} files uploaded; temporary files: {string.Join(", ", Directory.GetFiles(sftp.Root, "*.part").Select(Path.GetFileName))}");

        await cloud.StartAgainAsync();
        await Eventually.UntilAsync(() => (Count(sftp) == expected.Count && Directory.GetFiles(sftp.Root).Length == expected.Count) || watcher.IsFaulted, Wait, "every file is uploaded after the restart, no temporary file left");
        await stop.CancelAsync();
        await watcher; // throws if a final name ever held an incomplete or wrong file
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(sftp.Root).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
        foreach (var name in expected)
        {
            data.Check(name, await File.ReadAllBytesAsync(Path.Combine(sftp.Root, name)), Interval, names);
        }

        Assert.Empty(cloud.LoggedErrors);
    }

    private static int Count(SshdServer sftp) => Directory.GetFiles(sftp.Root, "*.txt").Length;

    private static Dictionary<string, string> Settings(SshdServer sftp, RelayData data)
    {
        const string D = "Relay__Destinations__0__";
        var settings = new Dictionary<string, string>
        {
            [D + "Name"] = "national",
            [D + "Protocol"] = "Sftp",
            [D + "Host"] = "127.0.0.1",
            [D + "Port"] = sftp.Port.ToString(CultureInfo.InvariantCulture),
            [D + "User"] = sftp.User,
            [D + "PrivateKeyPath"] = sftp.PrivateKeyPath,
            [D + "HostKeySha256"] = sftp.HostKeySha256,
            [D + "RemoteDirectory"] = sftp.Root,
            [D + "Interval"] = Interval.ToString(),
            [D + "Settle"] = "00:00:00",
            [D + "Start"] = data.Start.ToString("O", CultureInfo.InvariantCulture),
        };
        for (var s = 0; s < data.Stations.Count; s++)
        {
            settings[$"{D}Stations__{s}__Station"] = data.Stations[s].Station;
            settings[$"{D}Stations__{s}__Code"] = data.Stations[s].Code;
        }

        return settings;
    }
}
