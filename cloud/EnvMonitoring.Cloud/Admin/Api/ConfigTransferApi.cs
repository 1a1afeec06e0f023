using System.Text.Json;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// <c>/api/admin/config/export</c> and <c>/import</c>: the parks and stations as a stations file
/// (<c>{"Parks":[…],"Stations":[…]}</c>, PascalCase as <see cref="StationsFile.Read"/> reads it), to
/// keep, review or move to another host. An import checks every station first and writes nothing
/// unless all pass; it creates or replaces the items it lists and leaves the others.
/// </summary>
internal static class ConfigTransferApi
{
    public static RouteGroupBuilder MapConfigTransferApi(this RouteGroupBuilder admin)
    {
        var config = admin.MapGroup("/config");
        config.MapGet("/export", ExportAsync).WithSummary("The parks and stations as a stations file (PascalCase JSON, as StationsFile reads it).")
            .Produces<StationsDocument>();
        config.MapPost("/import", ImportAsync).WithSummary("Creates or replaces the parks and stations of a stations file, after checking every one; nothing is written unless all pass.")
            .Accepts<StationsDocument>("application/json").Produces<ImportResult>()
            .RefusesInvalid("the file is not a stations file, or some park or station is not valid (errors under parks[i]. and stations[i].)");
        return admin;
    }

    private static async Task<IResult> ExportAsync(ConfigEditor editor, CancellationToken cancellationToken)
    {
        var parks = (await editor.Store.ListAsync(ConfigKind.Park, cancellationToken)).Select(e => ConfigDocuments.Parse<ParkDefinition>(e.Json)).ToList();
        var stations = (await editor.Store.ListAsync(ConfigKind.Station, cancellationToken)).Select(e => ConfigDocuments.Parse<StationDefinition>(e.Json)).ToList();
        return TypedResults.Json(new StationsDocument(parks, stations), StationsFile.Options);
    }

    private static async Task<IResult> ImportAsync(HttpContext context, ConfigEditor editor, RegulationLibrary library, SampleCodec codec, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        StationsDocument? document = null;
        try
        {
            document = await JsonSerializer.DeserializeAsync<StationsDocument>(context.Request.Body, StationsFile.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            errors.Add("body", $"The body is not a stations file ({e.Path}): {e.Message}", $"Nội dung gửi lên không phải tệp trạm hợp lệ ({e.Path}): {e.Message}");
        }

        if (document?.Stations is null)
        {
            if (!errors.Any)
            {
                errors.Add("Stations", "A stations file has a \"Stations\" array.", "Tệp trạm phải có mảng \"Stations\".");
            }

            return errors.ToProblem("The stations file is not valid");
        }

        var parks = document.Parks ?? [];
        var known = (await References.ParksAsync(editor.Store, cancellationToken)).Union(parks.Select(p => p.Id), StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < parks.Count; i++)
        {
            var park = new FieldErrors();
            ParksApi.Check(parks[i], park);
            if (parks.FindIndex(p => p.Id == parks[i].Id) < i)
            {
                park.Add("id", $"park {parks[i].Id} is listed twice.", $"Khu công nghiệp {parks[i].Id} bị liệt kê hai lần.");
            }

            errors.AddAll(park, $"parks[{i}].");
        }

        var checks = new StationChecks(library, codec.Catalog);
        for (var i = 0; i < document.Stations.Count; i++)
        {
            var station = new FieldErrors();
            checks.Check(document.Stations[i], known, station);
            if (document.Stations.FindIndex(s => s.Station == document.Stations[i].Station) < i)
            {
                station.Add("station", $"station {document.Stations[i].Station} is listed twice.", $"Trạm {document.Stations[i].Station} bị liệt kê hai lần.");
            }

            errors.AddAll(station, $"stations[{i}].");
        }

        if (errors.Any)
        {
            return errors.ToProblem("The stations file is not valid: nothing was imported");
        }

        var items = parks.Select(p => (ConfigKind.Park, p.Id, ConfigDocuments.Write(p)))
            .Concat(document.Stations.Select(s => (ConfigKind.Station, s.Station, StationsFile.Write(s))))
            .ToList();
        return TypedResults.Json(new ImportResult(await editor.ImportAsync(context, items, cancellationToken)), AdminJson.Api);
    }
}

/// <summary>A stations file: the parks and the stations.</summary>
internal sealed record StationsDocument(List<ParkDefinition>? Parks, List<StationDefinition>? Stations);

/// <summary>How many items an import created or changed (an item imported as it was keeps its version).</summary>
internal sealed record ImportResult(int Changed);
