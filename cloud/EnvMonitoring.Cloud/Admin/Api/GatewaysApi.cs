using EnvMonitoring.Cloud.Broker;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// <c>/api/admin/gateways</c>: the parks' gateways and their broker credentials (docs/admin.md). A
/// password is made here, shown in the answer once, and only its hash is stored; a rotation keeps
/// the old hash valid for a grace period so the gateway can be given the new one first.
/// </summary>
internal static class GatewaysApi
{
    private const string Invalid = "The gateway is not valid";

    /// <summary>A rotation's grace when the body names none, and the longest (a week).</summary>
    public const int DefaultGraceMinutes = 60;

    public const int MaxGraceMinutes = 10_080;

    public static RouteGroupBuilder MapGatewaysApi(this RouteGroupBuilder admin)
    {
        var gateways = admin.MapGroup("/gateways");
        gateways.MapGet("", (ConfigEditor editor, CancellationToken cancellationToken) => editor.ListAsync(ConfigKind.Gateway, cancellationToken))
            .WithSummary("Every gateway, by id, without password hashes.").Produces<List<EntryView>>();
        gateways.MapGet("/{id}", (HttpContext context, string id, ConfigEditor editor, CancellationToken cancellationToken) => editor.GetAsync(context, ConfigKind.Gateway, id, cancellationToken))
            .WithSummary("One gateway; its version is the ETag.").Produces<EntryView>().Refuses(StatusCodes.Status404NotFound, "no such gateway");
        gateways.MapPost("", CreateAsync).WithSummary("Issues a gateway's credential: username gw-{gateway} and a new password, shown only in this answer.")
            .Accepts<NewGateway>("application/json").Produces<IssuedView>(StatusCodes.Status201Created)
            .RefusesInvalid("a field is not valid (errors by field, in English and in errorsVi in Vietnamese)")
            .Refuses(StatusCodes.Status409Conflict, "a gateway with this id exists (current: it as it is)");
        gateways.MapPost("/{id}/rotate", RotateAsync).WithSummary("Gives the gateway a new password (shown once); the old one works until the grace ends.")
            .Accepts<Rotation>("application/json").Produces<IssuedView>().RefusesChange("gateway");
        gateways.MapPut("/{id}", ReplaceAsync).WithSummary("Renames, disables or enables a gateway at the version in If-Match.")
            .Accepts<GatewayChange>("application/json").Produces<EntryView>().RefusesChange("gateway");
        gateways.MapDelete("/{id}", DeleteAsync).WithSummary("Deletes a gateway at the version in If-Match: its credential stops working.")
            .Produces(StatusCodes.Status204NoContent).RefusesChange("gateway");
        return admin;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ConfigEditor editor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var body = await JsonBody.ReadAsync<NewGateway>(context.Request, errors, cancellationToken);
        if (body is null)
        {
            return errors.ToProblem(Invalid);
        }

        FieldChecks.Park(errors, "park", body.Park, await References.ParksAsync(editor.Store, cancellationToken));
        FieldChecks.Identifier(errors, "gateway", body.Gateway);
        FieldChecks.Text(errors, "name", body.Name);
        if (errors.Any)
        {
            return errors.ToProblem(Invalid);
        }

        var password = Passwords.Generate();
        var gateway = new GatewayDefinition
        {
            Park = body.Park!,
            Gateway = body.Gateway!,
            Name = body.Name,
            Username = "gw-" + body.Gateway,
            PasswordHash = PasswordHash.Create(password),
        };
        return await editor.CreateAsync(context, ConfigKind.Gateway, gateway.Gateway, AdminJson.Store(gateway), password: true, cancellationToken, entry => new IssuedView(entry, password));
    }

    private static async Task<IResult> RotateAsync(HttpContext context, string id, ConfigEditor editor, TimeProvider time, CancellationToken cancellationToken)
    {
        if (IfMatch.Read(context.Request, out var refusal) is not { } version)
        {
            return refusal!;
        }

        var errors = new FieldErrors();
        var body = context.Request.ContentLength is 0 ? new Rotation(null) : await JsonBody.ReadAsync<Rotation>(context.Request, errors, cancellationToken);
        var grace = body?.GraceMinutes ?? DefaultGraceMinutes;
        if (body is not null && grace is < 0 or > MaxGraceMinutes)
        {
            errors.Add("graceMinutes", $"graceMinutes must be from 0 to {MaxGraceMinutes} (a week).", $"Thời gian ân hạn (graceMinutes) phải từ 0 đến {MaxGraceMinutes} phút (một tuần).");
        }

        if (errors.Any)
        {
            return errors.ToProblem("The rotation is not valid");
        }

        if (await editor.Store.GetAsync(ConfigKind.Gateway, id, cancellationToken) is not { } current)
        {
            return ConfigEditor.NotFound(ConfigKind.Gateway, id);
        }

        var gateway = AdminJson.Read<GatewayDefinition>(current.Json);
        var password = Passwords.Generate();
        gateway.PreviousPasswordHash = grace == 0 ? null : gateway.PasswordHash;
        gateway.PreviousValidUntil = grace == 0 ? null : time.GetUtcNow().AddMinutes(grace);
        gateway.PasswordHash = PasswordHash.Create(password);
        return await editor.ReplaceAsync(context, current, AdminJson.Store(gateway), version, password: true, cancellationToken, entry => new IssuedView(entry, password));
    }

    private static async Task<IResult> ReplaceAsync(HttpContext context, string id, ConfigEditor editor, CancellationToken cancellationToken)
    {
        if (IfMatch.Read(context.Request, out var refusal) is not { } version)
        {
            return refusal!;
        }

        var errors = new FieldErrors();
        var body = await JsonBody.ReadAsync<GatewayChange>(context.Request, errors, cancellationToken);
        if (body is not null)
        {
            FieldChecks.Text(errors, "name", body.Name);
        }

        if (body is null || errors.Any)
        {
            return errors.ToProblem(Invalid);
        }

        if (await editor.Store.GetAsync(ConfigKind.Gateway, id, cancellationToken) is not { } current)
        {
            return ConfigEditor.NotFound(ConfigKind.Gateway, id);
        }

        var gateway = AdminJson.Read<GatewayDefinition>(current.Json);
        gateway.Name = body.Name;
        gateway.Disabled = body.Disabled;
        return await editor.ReplaceAsync(context, current, AdminJson.Store(gateway), version, password: false, cancellationToken);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, ConfigEditor editor, CancellationToken cancellationToken)
    {
        if (IfMatch.Read(context.Request, out var refusal) is not { } version)
        {
            return refusal!;
        }

        return await editor.Store.GetAsync(ConfigKind.Gateway, id, cancellationToken) is { } current
            ? await editor.DeleteAsync(context, current, version, cancellationToken)
            : ConfigEditor.NotFound(ConfigKind.Gateway, id);
    }
}

/// <summary>The body of <c>POST /api/admin/gateways</c>.</summary>
internal sealed record NewGateway(string? Park, string? Gateway, string? Name);

/// <summary>The body of <c>POST /api/admin/gateways/{id}/rotate</c>: how long the old password keeps working (default 60 minutes).</summary>
internal sealed record Rotation(int? GraceMinutes);

/// <summary>The body of <c>PUT /api/admin/gateways/{id}</c>.</summary>
internal sealed record GatewayChange(string? Name, bool Disabled);
