using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnvMonitoring.Cloud.Relay;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Integration.Tests.Relay;

/// <summary>
/// The upward relay in the real cloud host against real servers: vsftpd (FTP and FTPS) and sshd
/// (SFTP), each started by the test on a loopback port. The relay's clock is a fake one, so half an
/// hour of intervals passes in seconds; the readings are real, in InfluxDB.
/// </summary>
public sealed class RelayHostTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string> SftpNames = new(StringComparer.Ordinal) { ["COD"] = "COD", ["pH"] = "PH" };
    private static readonly Dictionary<string, string> CatalogNames = new(StringComparer.Ordinal);

    private InfluxServer? _influx;

    private InfluxServer Influx => _influx!;

    public async Task InitializeAsync() => _influx = await InfluxServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_influx is not null)
        {
            await _influx.DisposeAsync();
        }
    }

    [Fact]
    public async Task Ftp_ftps_and_sftp_each_receive_one_file_per_station_and_interval_holding_the_stored_readings()
    {
        await using var ftp = await VsftpdServer.StartAsync(tls: false);
        await using var ftps = await VsftpdServer.StartAsync(tls: true);
        await using var sftp = await SshdServer.StartAsync();
        var data = RelayData.For("RLA", 2, RelayData.AlignedAgo(TimeSpan.FromHours(2), Interval), minutes: 15);
        var clock = new FakeTimeProvider(data.Start + TimeSpan.FromMinutes(1));
        var settings = new Dictionary<string, string>();
        Ftp(settings, 0, "ftp", ftp, data);
        Ftp(settings, 1, "ftps", ftps, data);
        Sftp(settings, 2, "sftp", sftp, data, layout: "{station}/{yyyy}{MM}{dd}");
        await using var cloud = await StartAsync(settings, clock, data, "relay_three");

        clock.SetUtcNow(data.Start + (3 * Interval) + Settle);
        var expected = data.FileNames(Interval, 3);
        await WaitForFilesAsync(cloud, ftp.UploadDirectory, expected.Count, "the FTP drop");
        await WaitForFilesAsync(cloud, ftps.UploadDirectory, expected.Count, "the FTPS drop");
        await WaitForFilesAsync(cloud, sftp.Root, expected.Count, "the SFTP folder");

        foreach (var (folder, names) in new[] { (ftp.UploadDirectory, CatalogNames), (ftps.UploadDirectory, CatalogNames), (sftp.Root, SftpNames) })
        {
            var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
            Assert.Equal(expected.Order(StringComparer.Ordinal), files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
            foreach (var file in files)
            {
                data.Check(Path.GetFileName(file), await File.ReadAllBytesAsync(file), Interval, names);
            }
        }

        // The layout: {station}/{yyyyMMdd} under the remote folder.
        var one = Directory.GetFiles(sftp.Root, "*", SearchOption.AllDirectories).First();
        var local = data.Start.ToOffset(TimeSpan.FromHours(7));
        Assert.Matches($"/{Regex.Escape(data.Stations[0].Code)}|{Regex.Escape(data.Stations[1].Code)}/{local:yyyyMMdd}/", Path.GetRelativePath(sftp.Home, one).Replace('\\', '/'));

        var status = await RelayAsync(cloud);
        Assert.All(status.EnumerateArray(), d =>
        {
            Assert.Equal(0, d.GetProperty("backlog").GetInt32());
            Assert.Equal(JsonValueKind.Null, d.GetProperty("problem").ValueKind);
            Assert.NotEqual(JsonValueKind.Null, d.GetProperty("lastFile").ValueKind);
        });
    }

    [Fact]
    public async Task A_destination_down_for_half_an_hour_then_back_gets_every_missed_file_in_order_once()
    {
        await using var ftp = await VsftpdServer.StartAsync(tls: false);
        var data = RelayData.For("RLB", 2, RelayData.AlignedAgo(TimeSpan.FromHours(3), Interval), minutes: 45);
        var clock = new FakeTimeProvider(data.Start + TimeSpan.FromMinutes(1));
        // A request to a server that went away may hang until the attempt's timeout (real time): kept short here.
        var settings = new Dictionary<string, string> { ["Relay:BehindAlert"] = "00:20:00", ["Relay:MaxRetryDelay"] = "00:01:00", ["Relay:AttemptTimeout"] = "00:00:05" };
        Ftp(settings, 0, "national", ftp, data);
        await using var cloud = await StartAsync(settings, clock, data, "relay_outage");
        cloud.Log.ExpectEvent("UploadFailed", "the FTP server is stopped for half an hour");
        cloud.Log.ExpectEvent("DestinationProblem", "the destination falls behind by more than Relay:BehindAlert during the outage");

        clock.SetUtcNow(data.Start + (3 * Interval) + Settle);
        await WaitForFilesAsync(cloud, ftp.UploadDirectory, 6, "the first three intervals");
        await ftp.StopAsync();

        // Half an hour of intervals closes while the server is down: they wait in the outbox, in order.
        for (var i = 4; i <= 9; i++)
        {
            clock.SetUtcNow(data.Start + (i * Interval) + Settle);
            var backlog = (i - 3) * 2;
            try
            {
                await Eventually.UntilAsync(
                    async () =>
                    {
                        // A little simulated time per probe, so a retry that failed late (a hung attempt) runs again.
                        clock.Advance(TimeSpan.FromMilliseconds(200));
                        return (await RelayAsync(cloud))[0].GetProperty("backlog").GetInt32() == backlog;
                    },
                    Wait,
                    $"{backlog} files wait for the stopped server");
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}\n{string.Join("\n", cloud.Log.Entries.Select(x => x.ToString()).TakeLast(20))}", e);
            }
        }

        var down = (await RelayAsync(cloud))[0];
        Assert.True(down.GetProperty("failing").GetBoolean());
        Assert.True(down.GetProperty("lastError").GetProperty("failure").GetString() == "unreachable", down.ToString());
        Assert.Contains("behind by", down.GetProperty("problem").GetString(), StringComparison.Ordinal);
        var health = await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/health", UriKind.Relative));
        Assert.Contains("national", health.GetProperty("relay").GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, Directory.GetFiles(ftp.UploadDirectory).Length);

        await ftp.StartAgainAsync();
        clock.Advance(TimeSpan.FromMinutes(1)); // the next retry
        var expected = data.FileNames(Interval, 9);
        await WaitForFilesAsync(cloud, ftp.UploadDirectory, expected.Count, "every missed file after the outage", clock);
        await Eventually.UntilAsync(async () => (await RelayAsync(cloud))[0].GetProperty("problem").ValueKind == JsonValueKind.Null, Wait, "the problem clears");

        // In order (each file written after the one before it) and once (one upload per file in vsftpd's transfer log, no temporary left).
        var transfers = await File.ReadAllTextAsync(ftp.TransferLog);
        var files = Directory.GetFiles(ftp.UploadDirectory).OrderBy(File.GetLastWriteTimeUtc).Select(f => Path.GetFileName(f)).ToList();
        Assert.Equal(expected, files);
        foreach (var name in expected)
        {
            Assert.Equal(1, Regex.Count(transfers, $"/{Regex.Escape(name)}{Regex.Escape(RemoteUpload.TempSuffix)} "));
            data.Check(name, await File.ReadAllBytesAsync(Path.Combine(ftp.UploadDirectory, name)), Interval, CatalogNames);
        }
    }

    [Fact]
    public async Task Refused_credentials_and_a_read_only_folder_show_in_status_and_health_lose_nothing_and_recover()
    {
        await using var sftp = await SshdServer.StartAsync(authorized: false);
        var data = RelayData.For("RLC", 1, RelayData.AlignedAgo(TimeSpan.FromHours(2), Interval), minutes: 15);
        var clock = new FakeTimeProvider(data.Start + TimeSpan.FromMinutes(1));
        var settings = new Dictionary<string, string> { ["Relay:MaxRetryDelay"] = "00:01:00" };
        Sftp(settings, 0, "centre", sftp, data, layout: "");
        await using var cloud = await StartAsync(settings, clock, data, "relay_refused");
        cloud.Log.ExpectEvent("UploadRefused", "the server refuses the key, then serves a read-only folder");
        cloud.Log.ExpectEvent("DestinationProblem", "refused credentials and permissions are problems");

        clock.SetUtcNow(data.Start + Interval + Settle);
        var refused = await WaitForProblemAsync(cloud, "credentials");
        Assert.Equal(1, refused.GetProperty("backlog").GetInt32());
        var health = await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/health", UriKind.Relative));
        Assert.Contains("centre: credentials", health.GetProperty("relay").GetProperty("problem").GetString(), StringComparison.Ordinal);

        sftp.Authorize();
        clock.Advance(TimeSpan.FromMinutes(1));
        // The retry is due a few seconds after the refusal (fixed before the refusal shows), so the minute covers it; the clock
        // keeps moving a little while the test waits, so a retry that fails once more runs too.
        await WaitForFilesAsync(cloud, sftp.Root, 1, "the file once the key is let in", clock);
        await Eventually.UntilAsync(async () => (await RelayAsync(cloud))[0].GetProperty("problem").ValueKind == JsonValueKind.Null, Wait, "the problem clears");

        // The next interval is due at this very instant: it runs whether the relay armed its wait before or while the clock moves.
        await sftp.SetReadOnlyAsync(true);
        clock.SetUtcNow(data.Start + (2 * Interval) + Settle);
        var readOnly = await WaitForProblemAsync(cloud, "permission");
        Assert.Equal(1, readOnly.GetProperty("backlog").GetInt32());

        await sftp.SetReadOnlyAsync(false);
        clock.SetUtcNow(data.Start + (3 * Interval) + Settle);
        var expected = data.FileNames(Interval, 3);
        await WaitForFilesAsync(cloud, sftp.Root, expected.Count, "every file once the folder is writable again", clock);
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(sftp.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        await Eventually.UntilAsync(async () => (await RelayAsync(cloud))[0].GetProperty("problem").ValueKind == JsonValueKind.Null, Wait, "the problem clears");
    }

    [Fact]
    public async Task Late_readings_make_a_corrected_file_where_accepted_and_a_logged_refusal_elsewhere()
    {
        await using var ftp = await VsftpdServer.StartAsync(tls: false);
        await using var sftp = await SshdServer.StartAsync();
        var data = RelayData.For("RLD", 1, RelayData.AlignedAgo(TimeSpan.FromHours(2), Interval), minutes: 5);
        var clock = new FakeTimeProvider(data.Start + TimeSpan.FromMinutes(1));
        var settings = new Dictionary<string, string> { ["Relay:Destinations:1:AcceptsCorrections"] = "true" };
        Ftp(settings, 0, "strict", ftp, data);
        Sftp(settings, 1, "lenient", sftp, data, layout: "");
        await using var cloud = await StartAsync(settings, clock, data, "relay_late");
        cloud.Log.ExpectEvent("LateReadingsRefused", "the strict destination accepts no corrections and a reading arrives late");

        clock.SetUtcNow(data.Start + Interval + Settle);
        await WaitForFilesAsync(cloud, ftp.UploadDirectory, 1, "the strict destination's file");
        await WaitForFilesAsync(cloud, sftp.Root, 1, "the lenient destination's file");
        var name = Assert.Single(data.FileNames(Interval, 1));
        var first = await File.ReadAllBytesAsync(Path.Combine(ftp.UploadDirectory, name));

        // A gateway replays a reading measured in the interval already sent: stored, then ingestion tells its listeners.
        var late = data.Start + TimeSpan.FromSeconds(150);
        var station = data.Stations[0].Station;
        await Influx.WriteAsync("relay_late", $"sample,park={RelayData.Park},station={station} COD=99.5,pH=7.5 {late.ToUnixTimeMilliseconds()}");
        var catalog = EnvMonitoring.Protocol.Catalog.ParameterCatalog.Default;
        var sample = new EnvMonitoring.Protocol.Samples.Sample(station, late, [new(catalog["COD"], 99.5), new(catalog["pH"], 7.5)]);
        var relay = cloud.Services.GetRequiredService<RelayService>();
        await relay.OnStoredAsync([new EnvMonitoring.Cloud.Ingestion.StoredSamples(RelayData.Park, [sample])], default);

        var corrected = Path.Combine(sftp.Root, name);
        await Eventually.UntilAsync(async () => (await File.ReadAllTextAsync(corrected)).Contains("COD\t99.5", StringComparison.Ordinal), Wait, "the lenient destination's file is replaced by the corrected one");
        await cloud.Log.WaitForAsync(e => e.Is("LateReadingsRefused"), Wait, "the strict destination's refusal is logged");
        Assert.Equal(first, await File.ReadAllBytesAsync(Path.Combine(ftp.UploadDirectory, name)));
        Assert.Single(Directory.GetFiles(sftp.Root));
        Assert.Equal(12, (await File.ReadAllTextAsync(corrected)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var lenient = (await RelayAsync(cloud))[1];
        Assert.True(lenient.GetProperty("lastFile").GetProperty("correction").GetBoolean());
    }

    private async Task<CloudHost> StartAsync(Dictionary<string, string> settings, FakeTimeProvider clock, RelayData data, string database)
    {
        await Influx.CreateDatabaseAsync(database);
        await data.WriteAsync(Influx, database);
        return await CloudHost.StartAsync(Influx, database, settings, services: s => s.AddSingleton(new RelayClock(clock)));
    }

    private static void Ftp(Dictionary<string, string> settings, int i, string name, VsftpdServer server, RelayData data)
    {
        var d = Destination(settings, i, name, data);
        settings[d + "Protocol"] = server.Tls ? "Ftps" : "Ftp";
        settings[d + "AllowPlainFtp"] = server.Tls ? "false" : "true";
        settings[d + "Port"] = server.Port.ToString(CultureInfo.InvariantCulture);
        settings[d + "User"] = "anonymous";
        settings[d + "RemoteDirectory"] = server.RemoteDirectory;
        if (server.CertificateSha256 is { } pin)
        {
            settings[d + "CertificateSha256"] = pin;
        }
    }

    private static void Sftp(Dictionary<string, string> settings, int i, string name, SshdServer server, RelayData data, string layout)
    {
        var d = Destination(settings, i, name, data);
        settings[d + "Protocol"] = "Sftp";
        settings[d + "Port"] = server.Port.ToString(CultureInfo.InvariantCulture);
        settings[d + "User"] = server.User;
        settings[d + "PrivateKeyPath"] = server.PrivateKeyPath;
        settings[d + "HostKeySha256"] = server.HostKeySha256;
        settings[d + "RemoteDirectory"] = server.Root;
        settings[d + "Layout"] = layout;
        foreach (var (code, receiverName) in SftpNames)
        {
            settings[d + "Parameters:" + code] = receiverName;
        }
    }

    private static string Destination(Dictionary<string, string> settings, int i, string name, RelayData data)
    {
        var d = $"Relay:Destinations:{i}:";
        settings[d + "Name"] = name;
        settings[d + "Host"] = "127.0.0.1";
        settings[d + "Interval"] = Interval.ToString();
        settings[d + "Settle"] = Settle.ToString();
        settings[d + "Start"] = data.Start.ToString("O", CultureInfo.InvariantCulture);
        for (var s = 0; s < data.Stations.Count; s++)
        {
            settings[$"{d}Stations:{s}:Station"] = data.Stations[s].Station;
            settings[$"{d}Stations:{s}:Code"] = data.Stations[s].Code;
        }

        return d;
    }

    private static async Task<JsonElement> RelayAsync(CloudHost cloud) =>
        (await cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/relay", UriKind.Relative))).GetProperty("destinations");

    private static Task<JsonElement> WaitForProblemAsync(CloudHost cloud, string failure) =>
        Eventually.ValueAsync(async () =>
        {
            var d = (await RelayAsync(cloud))[0];
            return d.GetProperty("problem").ValueKind == JsonValueKind.String && d.GetProperty("lastError").GetProperty("failure").GetString() == failure ? d : (JsonElement?)null;
        }, Wait, $"the status names a {failure} problem");

    /// <summary>Waits until the folder holds <paramref name="count"/> final files and no temporary one.</summary>
    /// <remarks>On a timeout, the message carries the relay's status.</remarks>
    private static async Task WaitForFilesAsync(CloudHost cloud, string folder, int count, string what, FakeTimeProvider? tick = null)
    {
        try
        {
            await Eventually.UntilAsync(() =>
            {
                tick?.Advance(TimeSpan.FromMilliseconds(200)); // lets a retry after a late failure run
                var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
                Assert.True(files.Length <= count, $"{what}: more files than expected: {string.Join(", ", files.Select(Path.GetFileName))}");
                return files.Length == count && files.All(f => f.EndsWith(".txt", StringComparison.Ordinal));
            }, Wait, $"{what} holds {count} file(s)");
        }
        catch (TimeoutException e)
        {
            var there = string.Join(", ", Directory.GetFiles(Path.GetDirectoryName(folder)!, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)));
            var log = string.Join("\n", cloud.Log.Entries.Where(x => x.Category.Contains("Relay", StringComparison.Ordinal)).Select(x => x.ToString()));
            throw new TimeoutException($"{e.Message} Files there: {there}. Relay status: {await RelayAsync(cloud)}\n{log}", e);
        }
    }
}
