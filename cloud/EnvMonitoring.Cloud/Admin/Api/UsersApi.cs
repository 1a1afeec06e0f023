using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// <c>/api/admin/users</c>: the users of the configuration store (docs/admin.md). Passwords are made
/// here unless one is given, shown once, and only their hash is stored; any change to a user ends
/// their sessions (their stamp changes).
/// </summary>
internal static class UsersApi
{
    private const string Invalid = "The user is not valid";

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder admin)
    {
        var users = admin.MapGroup("/users");
        users.MapGet("", (ConfigEditor editor, CancellationToken cancellationToken) => editor.ListAsync(ConfigKind.User, cancellationToken))
            .WithSummary("Every user of the configuration store, by name, without password hashes.").Produces<List<EntryView>>();
        users.MapGet("/{name}", (HttpContext context, string name, ConfigEditor editor, CancellationToken cancellationToken) => editor.GetAsync(context, ConfigKind.User, name, cancellationToken))
            .WithSummary("One user; the version is the ETag.").Produces<EntryView>().Refuses(StatusCodes.Status404NotFound, "no such user");
        users.MapPost("", CreateAsync).WithSummary("Creates a user with the password given (at least 12 characters) or a new one, shown only in this answer.")
            .Accepts<NewUser>("application/json").Produces<IssuedView>(StatusCodes.Status201Created)
            .RefusesInvalid("a field is not valid (errors by field, in English and in errorsVi in Vietnamese)")
            .Refuses(StatusCodes.Status409Conflict, "a user with this name exists (current: them as they are)");
        users.MapPut("/{name}", ReplaceAsync).WithSummary("Changes a user's display name, roles, parks or state at the version in If-Match; their sessions end.")
            .Accepts<UserChange>("application/json").Produces<EntryView>().RefusesChange("user");
        users.MapPost("/{name}/password", ResetAsync).WithSummary("Gives a user a new password, shown only in this answer; their sessions end.")
            .Produces<IssuedView>().RefusesChange("user");
        users.MapDelete("/{name}", DeleteAsync).WithSummary("Deletes a user at the version in If-Match; their sessions end. An admin cannot delete themselves.")
            .Produces(StatusCodes.Status204NoContent).RefusesChange("user");
        return admin;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ConfigEditor editor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var body = await JsonBody.ReadAsync<NewUser>(context.Request, errors, cancellationToken);
        if (body is null)
        {
            return errors.ToProblem(Invalid);
        }

        FieldChecks.Identifier(errors, "name", body.Name);
        UserChecks.Check(errors, body.DisplayName, body.Roles, body.Parks, await References.ParksAsync(editor.Store, cancellationToken));
        if (body.Password is not null)
        {
            Passwords.Check(errors, "password", body.Password);
        }

        if (errors.Any)
        {
            return errors.ToProblem(Invalid);
        }

        var password = body.Password ?? Passwords.Generate();
        var user = new UserDefinition
        {
            Name = body.Name!,
            DisplayName = body.DisplayName,
            Roles = [.. body.Roles!],
            Parks = [.. body.Parks ?? []],
            PasswordHash = PasswordHash.Create(password),
        };
        return await editor.CreateAsync(context, ConfigKind.User, user.Name, AdminJson.Store(user), password: true, cancellationToken, entry => new IssuedView(entry, password));
    }

    private static async Task<IResult> ReplaceAsync(HttpContext context, string name, ConfigEditor editor, CancellationToken cancellationToken)
    {
        if (IfMatch.Read(context.Request, out var refusal) is not { } version)
        {
            return refusal!;
        }

        var errors = new FieldErrors();
        var body = await JsonBody.ReadAsync<UserChange>(context.Request, errors, cancellationToken);
        if (body is null)
        {
            return errors.ToProblem(Invalid);
        }

        UserChecks.Check(errors, body.DisplayName, body.Roles, body.Parks, await References.ParksAsync(editor.Store, cancellationToken));
        UserChecks.NotSelf(errors, context, name, body.Disabled, body.Roles ?? [], body.Parks ?? []);
        if (errors.Any)
        {
            return errors.ToProblem(Invalid);
        }

        if (await editor.Store.GetAsync(ConfigKind.User, name, cancellationToken) is not { } current)
        {
            return ConfigEditor.NotFound(ConfigKind.User, name);
        }

        var user = AdminJson.Read<UserDefinition>(current.Json);
        user.DisplayName = body.DisplayName;
        user.Roles = [.. body.Roles!];
        user.Parks = [.. body.Parks ?? []];
        user.Disabled = body.Disabled;
        return await editor.ReplaceAsync(context, current, AdminJson.Store(user), version, password: false, cancellationToken);
    }

    private static async Task<IResult> ResetAsync(HttpContext context, string name, ConfigEditor editor, CancellationToken cancellationToken)
    {
        if (IfMatch.Read(context.Request, out var refusal) is not { } version)
        {
            return refusal!;
        }

        if (await editor.Store.GetAsync(ConfigKind.User, name, cancellationToken) is not { } current)
        {
            return ConfigEditor.NotFound(ConfigKind.User, name);
        }

        var user = AdminJson.Read<UserDefinition>(current.Json);
        var password = Passwords.Generate();
        user.PasswordHash = PasswordHash.Create(password);
        return await editor.ReplaceAsync(context, current, AdminJson.Store(user), version, password: true, cancellationToken, entry => new IssuedView(entry, password));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string name, ConfigEditor editor, CancellationToken cancellationToken)
    {
        if (IfMatch.Read(context.Request, out var refusal) is not { } version)
        {
            return refusal!;
        }

        if (string.Equals(context.User.Identity?.Name, name, StringComparison.Ordinal))
        {
            var errors = new FieldErrors();
            errors.Add("name", "You cannot delete yourself: ask another administrator.", "Bạn không thể tự xóa tài khoản của mình: hãy nhờ quản trị viên khác.");
            return errors.ToProblem(Invalid);
        }

        return await editor.Store.GetAsync(ConfigKind.User, name, cancellationToken) is { } current
            ? await editor.DeleteAsync(context, current, version, cancellationToken)
            : ConfigEditor.NotFound(ConfigKind.User, name);
    }
}

/// <summary>The body of <c>POST /api/admin/users</c>; no password: one is made.</summary>
internal sealed record NewUser(string? Name, string? DisplayName, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Parks, string? Password);

/// <summary>The body of <c>PUT /api/admin/users/{name}</c>.</summary>
internal sealed record UserChange(string? DisplayName, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Parks, bool Disabled);
