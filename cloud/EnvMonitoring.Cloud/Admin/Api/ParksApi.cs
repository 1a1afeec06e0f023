using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Stations;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary><c>/api/admin/parks</c>: the industrial parks (docs/admin.md).</summary>
internal static class ParksApi
{
    public static RouteGroupBuilder MapParksApi(this RouteGroupBuilder admin)
    {
        var parks = admin.MapGroup("/parks");
        parks.MapGet("", (ConfigEditor editor, CancellationToken cancellationToken) => editor.ListAsync(ConfigKind.Park, cancellationToken))
            .WithSummary("Every park of the configuration store, by id.").Produces<List<EntryView>>();
        parks.MapGet("/{id}", (HttpContext context, string id, ConfigEditor editor, CancellationToken cancellationToken) => editor.GetAsync(context, ConfigKind.Park, id, cancellationToken))
            .WithSummary("One park; its version is the ETag.").Produces<EntryView>().Refuses(StatusCodes.Status404NotFound, "no such park");
        parks.MapPost("", CreateAsync).WithSummary("Creates a park.").Accepts<ParkDefinition>("application/json").Produces<EntryView>(StatusCodes.Status201Created)
            .RefusesInvalid("a field is not valid (errors by field, in English and in errorsVi in Vietnamese)")
            .Refuses(StatusCodes.Status409Conflict, "a park with this id exists (current: it as it is)");
        parks.MapPut("/{id}", ReplaceAsync).WithSummary("Replaces a park at the version in If-Match.").Accepts<ParkDefinition>("application/json").Produces<EntryView>()
            .RefusesChange("park");
        parks.MapDelete("/{id}", DeleteAsync).WithSummary("Deletes a park at the version in If-Match; refused while stations, gateways or users name it.")
            .Produces(StatusCodes.Status204NoContent).RefusesChange("park", "or stations, gateways or users still name the park");
        return admin;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ConfigEditor editor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var park = await JsonBody.ReadAsync<ParkDefinition>(context.Request, errors, cancellationToken);
        if (park is null)
        {
            return errors.ToProblem("The park is not valid");
        }

        Check(park, errors);
        return errors.Any
            ? errors.ToProblem("The park is not valid")
            : await editor.CreateAsync(context, ConfigKind.Park, park.Id, ConfigDocuments.Write(park), password: false, cancellationToken);
    }

    private static async Task<IResult> ReplaceAsync(HttpContext context, string id, ConfigEditor editor, CancellationToken cancellationToken)
    {
        if (IfMatch.Read(context.Request, out var refusal) is not { } version)
        {
            return refusal!;
        }

        var errors = new FieldErrors();
        var park = await JsonBody.ReadAsync<ParkDefinition>(context.Request, errors, cancellationToken);
        if (park is null)
        {
            return errors.ToProblem("The park is not valid");
        }

        park.Id = FieldChecks.Same(errors, "id", park.Id, id);
        Check(park, errors);
        if (errors.Any)
        {
            return errors.ToProblem("The park is not valid");
        }

        return await editor.Store.GetAsync(ConfigKind.Park, id, cancellationToken) is { } current
            ? await editor.ReplaceAsync(context, current, ConfigDocuments.Write(park), version, password: false, cancellationToken)
            : ConfigEditor.NotFound(ConfigKind.Park, id);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, ConfigEditor editor, CancellationToken cancellationToken)
    {
        if (IfMatch.Read(context.Request, out var refusal) is not { } version)
        {
            return refusal!;
        }

        if (await editor.Store.GetAsync(ConfigKind.Park, id, cancellationToken) is not { } current)
        {
            return ConfigEditor.NotFound(ConfigKind.Park, id);
        }

        var users = await References.ParkUsersAsync(editor.Store, id, cancellationToken);
        var stations = await References.OfParkAsync(editor.Store, ConfigKind.Station, id, cancellationToken);
        var gateways = await References.OfParkAsync(editor.Store, ConfigKind.Gateway, id, cancellationToken);
        if (stations.Count + gateways.Count + users.Count > 0)
        {
            return TypedResults.Problem(
                $"Park {id} is still named by {References.Say(stations, "station")}, {References.Say(gateways, "gateway")} and {References.Say(users, "user")}: move or delete them first.",
                statusCode: StatusCodes.Status409Conflict, title: "The park is in use");
        }

        return await editor.DeleteAsync(context, current, version, cancellationToken);
    }

    public static void Check(ParkDefinition park, FieldErrors errors)
    {
        FieldChecks.Identifier(errors, "id", park.Id);
        FieldChecks.Text(errors, "name", park.Name);
        FieldChecks.Position(errors, park.Latitude, park.Longitude);
    }
}
