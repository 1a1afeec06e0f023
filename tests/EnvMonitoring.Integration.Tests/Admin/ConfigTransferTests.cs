using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Stations;

namespace EnvMonitoring.Integration.Tests.Admin;

/// <summary>The parks and stations out as a stations file and back in: unchanged items keep their versions, a bad file writes nothing.</summary>
public sealed class ConfigTransferTests(AdminHostFixture host) : IClassFixture<AdminHostFixture>
{
    [Fact]
    public async Task Export_then_import_round_trips_and_a_bad_station_stops_the_whole_import()
    {
        await host.ParkAsync("AdmTransfer");
        await host.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/admin/stations", AdminHostFixture.Station("AdmTransfer", "ADM-TR-01"));

        using var response = await host.SendAsync(HttpMethod.Get, "/api/admin/config/export");
        var exported = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The stations file's own reader takes it.
        var file = Path.Combine(host.Cloud.QuarantineDirectory, "export.json");
        await File.WriteAllTextAsync(file, exported);
        var read = StationsFile.Read(file);
        Assert.Contains(read.Parks, p => p.Id == "AdmTransfer" && p.Name == "Khu công nghiệp AdmTransfer");
        var station = Assert.Single(read.Stations, s => s.Station == "ADM-TR-01");
        Assert.Equal("B", station.Column);
        Assert.Equal(30m, station.Site["riverDrySeasonFlowM3PerS"]);

        var same = await host.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/admin/config/import", exported);
        Assert.Equal(0, same.GetProperty("changed").GetInt32());
        Assert.Equal(1, (await host.Store.GetAsync(ConfigKind.Station, "ADM-TR-01", CancellationToken.None))!.Version);

        var document = JsonNode.Parse(exported)!.AsObject();
        var stations = document["Stations"]!.AsArray();
        var index = stations.Select((s, i) => (s, i)).Single(x => x.s!["Station"]!.GetValue<string>() == "ADM-TR-01").i;
        stations[index]!["Name"] = "Đổi tên khi nhập";
        stations.Add(JsonNode.Parse(JsonSerializer.Serialize(new StationDefinition { Park = "AdmTransferNew", Station = "ADM-TR-02", Permit = [new PermitLimitDefinition { Parameter = "COD", Max = 100 }] }, StationsFile.Options)));
        document["Parks"]!.AsArray().Add(JsonNode.Parse("""{"Id":"AdmTransferNew","Name":"KCN Mới"}"""));
        var changed = await host.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/admin/config/import", document.ToJsonString());
        Assert.Equal(3, changed.GetProperty("changed").GetInt32());
        Assert.Equal(2, (await host.Store.GetAsync(ConfigKind.Station, "ADM-TR-01", CancellationToken.None))!.Version);
        Assert.NotNull(await host.Store.GetAsync(ConfigKind.Station, "ADM-TR-02", CancellationToken.None));

        // One bad station: 400 naming it and its field, and nothing of the file is written.
        stations[index]!["Name"] = "Không được ghi";
        stations.Add(JsonNode.Parse("""{"Park":"AdmTransfer","Station":"ADM-TR-03","Regulation":"QCVN 40:2011/BTNMT","Column":"Z"}"""));
        var refused = await host.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/admin/config/import", document.ToJsonString());
        Assert.True(refused.GetProperty("errors").TryGetProperty($"stations[{stations.Count - 1}].column", out _), refused.ToString());
        Assert.True(refused.GetProperty("errorsVi").TryGetProperty($"stations[{stations.Count - 1}].column", out _), refused.ToString());
        Assert.Equal(2, (await host.Store.GetAsync(ConfigKind.Station, "ADM-TR-01", CancellationToken.None))!.Version);
        Assert.Null(await host.Store.GetAsync(ConfigKind.Station, "ADM-TR-03", CancellationToken.None));
    }
}
