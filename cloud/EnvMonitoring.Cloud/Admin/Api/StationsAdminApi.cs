using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Live;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary><c>/api/admin/stations</c>: station definitions, and the limits a definition would get (docs/admin.md).</summary>
internal static class StationsAdminApi
{
    private const string Invalid = "The station is not valid";

    public static RouteGroupBuilder MapStationsAdminApi(this RouteGroupBuilder admin)
    {
        var stations = admin.MapGroup("/stations");
        stations.MapGet("", (ConfigEditor editor, CancellationToken cancellationToken) => editor.ListAsync(ConfigKind.Station, cancellationToken))
            .WithSummary("Every station definition of the configuration store, by id.").Produces<List<EntryView>>();
        stations.MapGet("/{id}", (HttpContext context, string id, ConfigEditor editor, CancellationToken cancellationToken) => editor.GetAsync(context, ConfigKind.Station, id, cancellationToken))
            .WithSummary("One station definition; its version is the ETag.").Produces<EntryView>().Refuses(StatusCodes.Status404NotFound, "no such station");
        stations.MapPost("", CreateAsync).WithSummary("Creates a station; it is judged from the answer on.").Accepts<StationDefinition>("application/json")
            .Produces<EntryView>(StatusCodes.Status201Created)
            .RefusesInvalid("a field is not valid, or the limits do not resolve (errors by field, in English and in errorsVi in Vietnamese)")
            .Refuses(StatusCodes.Status409Conflict, "a station with this id exists (current: it as it is)");
        stations.MapPost("/preview", PreviewAsync).WithSummary("The limits a station definition would get, explained as GET /api/stations explains them; nothing is stored.")
            .Accepts<StationDefinition>("application/json").Produces<LimitsPreview>()
            .RefusesInvalid("a field is not valid, or the limits do not resolve");
        stations.MapPut("/{id}", ReplaceAsync).WithSummary("Replaces a station at the version in If-Match; in force from the answer on.")
            .Accepts<StationDefinition>("application/json").Produces<EntryView>().RefusesChange("station");
        stations.MapDelete("/{id}", DeleteAsync).WithSummary("Deletes a station at the version in If-Match; its stored readings stay.")
            .Produces(StatusCodes.Status204NoContent).RefusesChange("station");
        return admin;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ConfigEditor editor, RegulationLibrary library, SampleCodec codec, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var station = await JsonBody.ReadAsync<StationDefinition>(context.Request, errors, cancellationToken);
        if (station is null || new StationChecks(library, codec.Catalog).Check(station, await References.ParksAsync(editor.Store, cancellationToken), errors) is null)
        {
            return errors.ToProblem(Invalid);
        }

        return await editor.CreateAsync(context, ConfigKind.Station, station.Station, StationsFile.Write(station), password: false, cancellationToken);
    }

    private static async Task<IResult> PreviewAsync(HttpContext context, ConfigEditor editor, RegulationLibrary library, SampleCodec codec, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var station = await JsonBody.ReadAsync<StationDefinition>(context.Request, errors, cancellationToken);
        return station is not null && new StationChecks(library, codec.Catalog).Check(station, await References.ParksAsync(editor.Store, cancellationToken), errors) is { } resolved
            ? TypedResults.Json(new LimitsPreview([.. resolved.Profile.Limits.Select(LimitView.Of)]), AdminJson.Api)
            : errors.ToProblem(Invalid);
    }

    private static async Task<IResult> ReplaceAsync(
        HttpContext context, string id, ConfigEditor editor, RegulationLibrary library, SampleCodec codec, CancellationToken cancellationToken)
    {
        if (IfMatch.Read(context.Request, out var refusal) is not { } version)
        {
            return refusal!;
        }

        var errors = new FieldErrors();
        var station = await JsonBody.ReadAsync<StationDefinition>(context.Request, errors, cancellationToken);
        if (station is null)
        {
            return errors.ToProblem(Invalid);
        }

        station.Station = FieldChecks.Same(errors, "station", station.Station, id);
        if (errors.Any || new StationChecks(library, codec.Catalog).Check(station, await References.ParksAsync(editor.Store, cancellationToken), errors) is null)
        {
            return errors.ToProblem(Invalid);
        }

        return await editor.Store.GetAsync(ConfigKind.Station, id, cancellationToken) is { } current
            ? await editor.ReplaceAsync(context, current, StationsFile.Write(station), version, password: false, cancellationToken)
            : ConfigEditor.NotFound(ConfigKind.Station, id);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, ConfigEditor editor, CancellationToken cancellationToken)
    {
        if (IfMatch.Read(context.Request, out var refusal) is not { } version)
        {
            return refusal!;
        }

        return await editor.Store.GetAsync(ConfigKind.Station, id, cancellationToken) is { } current
            ? await editor.DeleteAsync(context, current, version, cancellationToken)
            : ConfigEditor.NotFound(ConfigKind.Station, id);
    }
}

/// <summary>The limits a definition resolves to, each as <c>GET /api/stations</c> shows it (with <c>terms</c> to explain it).</summary>
internal sealed record LimitsPreview(IReadOnlyList<LimitView> Limits);
