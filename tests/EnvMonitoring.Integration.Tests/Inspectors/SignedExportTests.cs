using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Cloud.Seals;
using EnvMonitoring.Evidence;
using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>
/// Signed evidence exports (docs/evidence.md, "Signed exports") of days sealed as their samples
/// arrived over MQTT: an untouched export verifies offline with only the centre's public key (and its
/// seals with openssl); a rewritten file with a rewritten manifest fails on the signature, re-signed
/// with another key fails on the key, and sealed data changed even under the centre's own key fails
/// against the seals, naming the reading.
/// </summary>
public sealed class SignedExportTests(SealingFixture fixture) : IClassFixture<SealingFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("envmon-signed-export-test-").FullName;

    [Fact]
    public async Task An_untouched_export_verifies_offline_with_only_the_public_key_and_its_seals_with_openssl()
    {
        var day = new SealedDay(fixture, "SIG-01");
        var seals = await day.PublishAndSealAsync();
        var zip = await ExportAsync(day);
        var key = await CentreKey.SaveAsync(fixture.Cloud, _folder);

        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            var manifest = JsonSerializer.Deserialize<EvidenceManifest>(Read(archive, EvidenceManifest.FileName), EvidenceManifest.JsonOptions)!;
            Assert.Equal("envmon-evidence/2", manifest.Format);
            Assert.Equal([day.Day], manifest.SealedDays);
            var keyId = new SealKeys().AddPem(await File.ReadAllTextAsync(key));
            Assert.Equal(keyId, manifest.KeyId);
            // Every version as stored, byte for byte, listed in the manifest like any file.
            foreach (var seal in seals)
            {
                var version = seal.GetProperty("version").GetInt32();
                Assert.Equal(seal.GetProperty("document").GetString(), Encoding.UTF8.GetString(Read(archive, $"seals/{day.Day}/v{version}.json")));
                Assert.Equal(seal.GetProperty("signature").GetString(), Convert.ToBase64String(Read(archive, $"seals/{day.Day}/v{version}.sig")));
                Assert.Contains(manifest.Files, f => f.Path == $"seals/{day.Day}/v{version}.json");
            }

            // The sealed records hold each reading's exact binary64 and status.
            var records = Encoding.ASCII.GetString(Read(archive, $"sealed/{day.Day}.tsv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2 * SealedDay.Samples, records.Length);
            var fourth = day.TimeOf(3).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            Assert.Contains($"R\t{day.Station}\t{fourth}\tCOD\t{BitConverter.DoubleToUInt64Bits(SealedDay.CodOf(3)):x16}\t1", records);

            // Standard tools check a seal and the manifest with the centre's key alone.
            var last = seals[^1].GetProperty("version").GetInt32();
            Assert.Contains("Verified OK", await OpenSslVerifyAsync(key, Read(archive, $"seals/{day.Day}/v{last}.json"), Read(archive, $"seals/{day.Day}/v{last}.sig")), StringComparison.Ordinal);
            Assert.Contains("Verified OK", await OpenSslVerifyAsync(key, Read(archive, "manifest.json"), Read(archive, "manifest.sig")), StringComparison.Ordinal);
        }

        var path = Save(zip, "intact.zip");
        var (exit, output) = await VerifyCommand.RunAsync(path, "--public-key", key);
        Assert.True(exit == 0, output);
        Assert.Contains($"SIGNATURE VERIFIED: signed by trusted key", output, StringComparison.Ordinal);
        Assert.Contains($"DAY {day.Day}  intact: {SealedDay.Samples} sample(s)", output, StringComparison.Ordinal);
        Assert.Contains("INTACT: ", output, StringComparison.Ordinal);

        // Without a trusted key the verifier checks consistency only, and says so.
        (exit, output) = await VerifyCommand.RunAsync(path);
        Assert.True(exit == 3, output);
        Assert.Contains("INTEGRITY ONLY", output, StringComparison.Ordinal);
        Assert.Contains("--public-key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rewritten_csv_with_its_manifest_entry_fails_on_the_signature_and_re_signed_with_another_key_fails_on_the_key()
    {
        var day = new SealedDay(fixture, "SIG-02");
        await day.PublishAndSealAsync();
        var zip = await ExportAsync(day);
        var key = await CentreKey.SaveAsync(fixture.Cloud, _folder);
        var csv = $"raw/{day.Station}_COD.csv";
        byte[] Lower(byte[] bytes) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace(",40,0\n", ",4,0\n", StringComparison.Ordinal));
        Assert.Contains(",40,0\n", Encoding.UTF8.GetString(ReadFrom(zip, csv)), StringComparison.Ordinal);

        var rewritten = Save(EvidenceZip.Rewrite(zip, csv, Lower, signer: null), "rewritten.zip");
        var (exit, output) = await VerifyCommand.RunAsync(rewritten, "--public-key", key);
        Assert.True(exit == 1, output);
        Assert.Contains("the signature does not verify", output, StringComparison.Ordinal);
        Assert.DoesNotContain($"TAMPERED  {csv}", output, StringComparison.Ordinal);

        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var resigned = Save(EvidenceZip.Rewrite(zip, csv, Lower, forger), "resigned.zip");
        (exit, output) = await VerifyCommand.RunAsync(resigned, "--public-key", key);
        Assert.True(exit == 1, output);
        Assert.Contains($"signed by key {SealKeys.IdOf(forger)}, not a trusted key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sealed_data_changed_and_re_signed_with_the_centres_own_key_still_fails_against_the_seals_naming_the_reading()
    {
        var day = new SealedDay(fixture, "SIG-03");
        await day.PublishAndSealAsync();
        var zip = await ExportAsync(day);
        var key = await CentreKey.SaveAsync(fixture.Cloud, _folder);
        var records = $"sealed/{day.Day}.tsv";
        var at = day.TimeOf(5).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var sealedLine = $"R\t{day.Station}\t{at}\tCOD\t{BitConverter.DoubleToUInt64Bits(SealedDay.CodOf(5)):x16}\t0\n";
        var changedLine = $"R\t{day.Station}\t{at}\tCOD\t{BitConverter.DoubleToUInt64Bits(4.5):x16}\t0\n";
        Assert.Contains(sealedLine, Encoding.ASCII.GetString(ReadFrom(zip, records)), StringComparison.Ordinal);

        // Only someone holding the centre's private key could do this: the seals still catch it.
        using var centre = ECDsa.Create();
        var keys = fixture.Cloud.Services.GetRequiredService<SealingKeys>();
        centre.ImportFromPem(await File.ReadAllTextAsync(Directory.GetFiles(keys.Directory, "seal-*.key.pem").Order(StringComparer.Ordinal).Last()));
        var changed = Save(EvidenceZip.Rewrite(zip, records,
            bytes => Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(bytes).Replace(sealedLine, changedLine, StringComparison.Ordinal)), centre), "changed.zip");

        var (exit, output) = await VerifyCommand.RunAsync(changed, "--public-key", key);
        Assert.True(exit == 1, output);
        Assert.Contains("SIGNATURE VERIFIED", output, StringComparison.Ordinal);
        Assert.Contains($"DAY {day.Day}  TAMPERED", output, StringComparison.Ordinal);
        Assert.Contains($"COD at {SealCheck.Time(day.TimeOf(5).ToUnixTimeMilliseconds())}", output, StringComparison.Ordinal);
        Assert.Contains("is stored with another value or status: stored COD=4.5", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<byte[]> ExportAsync(SealedDay day)
    {
        var query = $"station={day.Station}&from={Uri.EscapeDataString(day.Start.ToString("O", CultureInfo.InvariantCulture))}" +
            $"&to={Uri.EscapeDataString(day.Start.AddDays(1).ToString("O", CultureInfo.InvariantCulture))}";
        using var response = await fixture.Inspector.GetAsync(new Uri($"/api/export?{query}", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        return bytes;
    }

    private async Task<string> OpenSslVerifyAsync(string key, byte[] data, byte[] signature)
    {
        var name = Guid.NewGuid().ToString("N");
        var dataPath = Save(data, name + ".json");
        var signaturePath = Save(signature, name + ".sig");
        using var openssl = ChildProcess.Start("openssl", ["dgst", "-sha256", "-verify", key, "-signature", signaturePath, dataPath], _folder);
        await openssl.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(openssl.ExitCode == 0, openssl.OutputTail);
        return openssl.OutputTail;
    }

    private static byte[] ReadFrom(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        return Read(archive, name);
    }

    private static byte[] Read(ZipArchive archive, string name) => EvidenceZip.Read(archive, name);

    private string Save(byte[] bytes, string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
