using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>
/// Evidence export against a real InfluxDB: the manifest's sizes and SHA-256 match the files, the
/// raw CSVs hold every stored reading, and <c>./envmon verify-export</c> passes an intact ZIP (with the
/// centre's key; integrity only without), catches a tampered, a missing and an extra file, and reads
/// an unsigned format-1 export as such. The data is written to InfluxDB directly, so its days are unsealed.
/// </summary>
public sealed class ExportTests(InspectorFixture fixture) : IClassFixture<InspectorFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("envmon-export-test-").FullName;

    private static string Query(string station) =>
        $"station={station}&from={Uri.EscapeDataString(ReportScenario.Day(0).ToString("O", CultureInfo.InvariantCulture))}" +
        $"&to={Uri.EscapeDataString(ReportScenario.Day(ReportScenario.Days).ToString("O", CultureInfo.InvariantCulture))}";

    [Fact]
    public async Task The_manifest_holds_each_files_hash_size_query_user_and_time_and_verifies()
    {
        const string station = "EXP-01";
        var readings = ReportScenario.Readings(station);
        await fixture.StoreAsync(readings);
        var before = DateTimeOffset.UtcNow;

        var zip = await DownloadAsync($"/api/export?{Query(station)}");

        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            using var manifest = JsonDocument.Parse(Read(archive, "manifest.json"));
            var root = manifest.RootElement;
            Assert.Equal("envmon-evidence/2", root.GetProperty("format").GetString());
            // Ids stay ids; the names people read stand beside them.
            Assert.Equal((station, "TestPark"), (root.GetProperty("station").GetString(), root.GetProperty("park").GetString()));
            Assert.Equal(($"Test plant {station}", InspectorHostFixture.ParkName, InspectorHostFixture.Facility, InspectorHostFixture.Permit), (
                root.GetProperty("stationName").GetString(), root.GetProperty("parkName").GetString(),
                root.GetProperty("facility").GetString(), root.GetProperty("permit").GetString()));
            Assert.Equal(TestUsers.Inspector.Name, root.GetProperty("exportedBy").GetString());
            var exportedAt = root.GetProperty("exportedAt").GetDateTimeOffset();
            Assert.InRange(exportedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
            var files = root.GetProperty("files").EnumerateArray().ToList();
            var days = Enumerable.Range(0, ReportScenario.Days).Select(d => ReportScenario.Day(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(
                [$"raw/{station}_pH.csv", $"raw/{station}_COD.csv", "report/compliance.json", "report/compliance.html", "report/means.csv", "report/summary.csv", $"annotations/{station}.json", $"audit/{station}.json",
                    .. days.Select(d => $"sealed/{d}.tsv")],
                files.Select(f => f.GetProperty("path").GetString()));
            Assert.Equal(days, root.GetProperty("sealedDays").EnumerateArray().Select(d => d.GetString()));
            // Outside the manifest: the manifest, its signature, and the signer's key.
            Assert.Equal(files.Count + 3, archive.Entries.Count);
            foreach (var file in files)
            {
                var bytes = Read(archive, file.GetProperty("path").GetString()!);
                Assert.Equal(file.GetProperty("bytes").GetInt64(), bytes.Length);
                Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
                Assert.False(string.IsNullOrWhiteSpace(file.GetProperty("query").GetString()));
            }

            foreach (var code in new[] { "COD", "pH" })
            {
                var file = files.Single(f => f.GetProperty("path").GetString() == $"raw/{station}_{code}.csv");
                Assert.Contains($"SELECT \"{code}\",\"{code}_status\" FROM \"sample\" WHERE \"station\" = '{station}'", file.GetProperty("query").GetString(), StringComparison.Ordinal);
                var lines = System.Text.Encoding.UTF8.GetString(Read(archive, $"raw/{station}_{code}.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                var stored = readings.Where(r => r.Code == code).OrderBy(r => r.Time).ToList();
                Assert.Equal($"time,{code},{code}_status", lines[0]);
                Assert.Equal(stored.Count, lines.Length - 1);
                Assert.Equal(stored.Count, file.GetProperty("rows").GetInt64());
                var calibrating = lines.Skip(1).Count(l => l.EndsWith(",1", StringComparison.Ordinal));
                Assert.Equal(stored.Count(r => r.Status == 1), calibrating);
            }

            using var report = JsonDocument.Parse(Read(archive, "report/compliance.json"));
            var cod = report.RootElement.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("parameter").GetString() == "COD");
            Assert.Equal(3, cod.GetProperty("exceedanceCount").GetInt32());
        }

        var path = Save(zip, "intact.zip");
        var (exit, output) = await VerifyCommand.RunAsync(path, "--public-key", await CentreKey.SaveAsync(fixture.Cloud, _folder));
        Assert.True(exit == 0, output);
        Assert.Contains("INTACT: 14 file(s)", output, StringComparison.Ordinal);
        Assert.Contains($"DAY {ReportScenario.Day(0):yyyy-MM-dd}  unsealed", output, StringComparison.Ordinal);

        (exit, output) = await VerifyCommand.RunAsync(path);
        Assert.True(exit == 3, output);
        Assert.Contains("INTEGRITY ONLY", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verify_command_detects_a_tampered_a_missing_and_an_extra_file()
    {
        const string station = "EXP-02";
        await fixture.StoreAsync(ReportScenario.Readings(station));
        var zip = await DownloadAsync($"/api/export?{Query(station)}&params=COD");
        var csv = $"raw/{station}_COD.csv";

        var tampered = Rewrite(zip, "tampered.zip", (name, bytes) => name == csv
            ? System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes).Replace(",250,0\n", ",25,0\n", StringComparison.Ordinal))
            : bytes);
        var missing = Rewrite(zip, "missing.zip", (name, bytes) => name == "report/summary.csv" ? null : bytes);
        var extra = Rewrite(zip, "extra.zip", (name, bytes) => bytes, ("raw/correction.csv", "time,COD\n"u8.ToArray()));

        var (exit, output) = await VerifyCommand.RunAsync(tampered);
        Assert.True(exit == 1, output);
        Assert.Contains($"TAMPERED  {csv}", output, StringComparison.Ordinal);
        Assert.Contains("NOT INTACT: 1 problem(s)", output, StringComparison.Ordinal);

        (exit, output) = await VerifyCommand.RunAsync(missing);
        Assert.True(exit == 1, output);
        Assert.Contains("MISSING   report/summary.csv", output, StringComparison.Ordinal);

        (exit, output) = await VerifyCommand.RunAsync(extra);
        Assert.True(exit == 1, output);
        Assert.Contains("EXTRA     raw/correction.csv", output, StringComparison.Ordinal);

        (exit, output) = await VerifyCommand.RunAsync(Save("not a zip"u8.ToArray(), "garbage.zip"));
        Assert.True(exit == 2, output);

        // An export made before exports were signed: its files still check, and it says it proves no origin.
        var formatOne = Rewrite(zip, "format1.zip", (name, bytes) => name switch
        {
            "manifest.json" => System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes).Replace("envmon-evidence/2", "envmon-evidence/1", StringComparison.Ordinal)),
            "manifest.sig" or "public-key.pem" => null,
            _ => bytes,
        });
        (exit, output) = await VerifyCommand.RunAsync(formatOne, "--public-key", await CentreKey.SaveAsync(fixture.Cloud, _folder));
        Assert.True(exit == 3, output);
        Assert.Contains("SIGNATURE UNSIGNED: unsigned (envmon-evidence/1)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_job_shows_progress_and_serves_the_zip_to_its_owner_only()
    {
        const string station = "EXP-03";
        await fixture.StoreAsync(ReportScenario.Readings(station));

        using var start = await fixture.Inspector.PostAsJsonAsync(new Uri("/api/exports", UriKind.Relative), new
        {
            station,
            from = ReportScenario.Day(0).ToString("O", CultureInfo.InvariantCulture),
            to = ReportScenario.Day(ReportScenario.Days).ToString("O", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var location = start.Headers.Location!.ToString();
        JsonElement status = default;
        await Eventually.UntilAsync(async () =>
        {
            using var poll = await fixture.Inspector.GetAsync(new Uri(location, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
            status = JsonDocument.Parse(await poll.Content.ReadAsStringAsync()).RootElement.Clone();
            Assert.NotEqual("failed", status.GetProperty("state").GetString());
            Assert.InRange(status.GetProperty("percent").GetDouble(), 0, 100);
            return status.GetProperty("state").GetString() == "completed";
        }, TimeSpan.FromSeconds(60), "the export job completed");
        Assert.Equal(100, status.GetProperty("percent").GetDouble());
        if (!OperatingSystem.IsWindows())
        {
            // Evidence of one user's request: a private folder, a file only the host's account reads.
            var directory = fixture.Cloud.ExportDirectory;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            var files = Directory.GetFiles(directory, "*.zip");
            Assert.NotEmpty(files);
            foreach (var file in files)
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }

        using var other = fixture.Cloud.ClientFor(TestUsers.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri(location, UriKind.Relative))).StatusCode);

        var zip = await DownloadAsync(status.GetProperty("file").GetString()!);
        Assert.Equal(status.GetProperty("bytes").GetInt64(), zip.Length);
        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Equal(status.GetProperty("manifestSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(Read(archive, "manifest.json"))));
        var (exit, output) = await VerifyCommand.RunAsync(Save(zip, "job.zip"), "--public-key", await CentreKey.SaveAsync(fixture.Cloud, _folder));
        Assert.True(exit == 0, output);
    }

    [Theory]
    [InlineData("/api/history?station=EXP-01&param=COD")]
    [InlineData("/api/reports/compliance?station=EXP-01&from=2026-03-01&to=2026-03-02")]
    [InlineData("/api/export?station=EXP-01&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z")]
    public async Task Inspector_endpoints_refuse_anonymous_users_and_viewers(string url)
    {
        using var anonymous = fixture.Cloud.ClientFor(null);
        using var viewer = fixture.Cloud.ClientFor(TestUsers.Viewer);
        using var op = fixture.Cloud.ClientFor(TestUsers.Operator);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync(new Uri("/api/exports", UriKind.Relative), new { station = "EXP-01" })).StatusCode);
    }

    [Theory]
    [InlineData("from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z", "station")]
    [InlineData("station=EXP-01&to=2026-03-02T00:00:00Z", "from")]
    [InlineData("station=EXP-01&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&params=Mercury", "params")]
    public async Task A_bad_export_argument_is_a_400_problem_naming_it(string query, string bad)
    {
        using var response = await fixture.Inspector.GetAsync(new Uri("/api/export?" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([bad], problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<byte[]> DownloadAsync(string url)
    {
        using var response = await fixture.Inspector.GetAsync(new Uri(url, UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return bytes;
    }

    private static byte[] Read(ZipArchive archive, string name)
    {
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private string Save(byte[] bytes, string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A copy of the ZIP with entries changed (null drops one) and extra entries added.</summary>
    private string Rewrite(byte[] zip, string name, Func<string, byte[], byte[]?> change, params (string Name, byte[] Bytes)[] extra)
    {
        using var source = new ZipArchive(new MemoryStream(zip));
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                if (change(entry.FullName, Read(source, entry.FullName)) is { } bytes)
                {
                    using var stream = target.CreateEntry(entry.FullName).Open();
                    stream.Write(bytes);
                }
            }

            foreach (var (entryName, bytes) in extra)
            {
                using var stream = target.CreateEntry(entryName).Open();
                stream.Write(bytes);
            }
        }

        return Save(output.ToArray(), name);
    }
}
