using System.Text.Json;
using EnvMonitoring.Cloud.Audit;
using EnvMonitoring.Cloud.Config;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// Every change the admin API makes goes through here: written to the configuration store at the
/// version its author read, audited (the item before and after, never a password hash), then put
/// in force by every <see cref="IConfigApplier"/> before the answer, so what the answer says is
/// what the host does.
/// </summary>
internal sealed class ConfigEditor(IConfigStore store, IEnumerable<IConfigApplier> appliers, AuditLog audit)
{
    /// <summary>What the audit entry says in place of a password or its hash.</summary>
    public const string PasswordChanged = "(password changed)";

    public IConfigStore Store => store;

    public async Task<IResult> ListAsync(ConfigKind kind, CancellationToken cancellationToken) =>
        TypedResults.Json((await store.ListAsync(kind, cancellationToken)).Select(EntryView.Of).ToList(), AdminJson.Api);

    public async Task<IResult> GetAsync(HttpContext context, ConfigKind kind, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(kind, id, cancellationToken) is { } entry ? Answer(context, entry, StatusCodes.Status200OK) : NotFound(kind, id);

    /// <summary>Creates an item (409 when the id is taken); answers 201 with the entry, or what <paramref name="answer"/> makes of it.</summary>
    public async Task<IResult> CreateAsync(
        HttpContext context, ConfigKind kind, string id, string json, bool password, CancellationToken cancellationToken, Func<EntryView, object>? answer = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var entry = await store.PutAsync(kind, id, json, 0, By(context), cancellationToken);
            Record(context, kind, id, null, json, password);
            await ApplyAsync(cancellationToken);
            context.Response.Headers.Location = $"{context.Request.PathBase}{context.Request.Path.Value!.TrimEnd('/')}/{Uri.EscapeDataString(id)}";
            return Answer(context, entry, StatusCodes.Status201Created, answer);
        }
        catch (ConfigConflictException e)
        {
            return Conflict(e);
        }
    }

    /// <summary>Replaces an item that is at <paramref name="version"/> (409 with the item as it is now when not).</summary>
    public async Task<IResult> ReplaceAsync(
        HttpContext context, ConfigEntry current, string json, long version, bool password, CancellationToken cancellationToken, Func<EntryView, object>? answer = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(current);
        try
        {
            var entry = await store.PutAsync(current.Kind, current.Id, json, version, By(context), cancellationToken);
            Record(context, current.Kind, current.Id, current.Json, json, password);
            await ApplyAsync(cancellationToken);
            return Answer(context, entry, StatusCodes.Status200OK, answer);
        }
        catch (ConfigConflictException e)
        {
            return Conflict(e);
        }
    }

    public async Task<IResult> DeleteAsync(HttpContext context, ConfigEntry current, long version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(current);
        try
        {
            await store.DeleteAsync(current.Kind, current.Id, version, By(context), cancellationToken);
            Record(context, current.Kind, current.Id, current.Json, null, password: false);
            await ApplyAsync(cancellationToken);
            return TypedResults.NoContent();
        }
        catch (ConfigConflictException e)
        {
            return Conflict(e);
        }
    }

    /// <summary>Writes many items at once (an import) whatever their versions; returns how many changed.</summary>
    public async Task<int> ImportAsync(HttpContext context, IReadOnlyList<(ConfigKind Kind, string Id, string Json)> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var changed = await store.ImportAsync(items, By(context), cancellationToken);
        audit.Record(context, AuditAction.ConfigChange, subject: "config/import",
            detail: JsonSerializer.Serialize(new { items = items.Count, changed }, AdminJson.Api));
        await ApplyAsync(cancellationToken);
        return changed;
    }

    public static IResult NotFound(ConfigKind kind, string id) =>
        TypedResults.Problem($"There is no {Word(kind)} '{id}'.", statusCode: StatusCodes.Status404NotFound, title: $"No such {Word(kind)}");

    /// <summary>409 with the item as it is now (<c>current</c>, shaped as GET shows it; null when it is gone), so the client can show the other change.</summary>
    public static IResult Conflict(ConfigConflictException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Changed by someone else",
            extensions: new Dictionary<string, object?> { ["current"] = e.Current is null ? null : JsonSerializer.SerializeToElement(EntryView.Of(e.Current), AdminJson.Api) });
    }

    /// <summary>The lower-case word for a kind in messages and audit subjects: park, station, gateway, user.</summary>
    public static string Word(ConfigKind kind) => kind.ToString().ToLowerInvariant();

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        foreach (var applier in appliers)
        {
            await applier.ApplyAsync(cancellationToken);
        }
    }

    private static IResult Answer(HttpContext context, ConfigEntry entry, int status, Func<EntryView, object>? answer = null)
    {
        context.Response.Headers.ETag = EntryView.ETag(entry.Version);
        var view = EntryView.Of(entry);
        return TypedResults.Json(answer is null ? view : answer(view), AdminJson.Api, statusCode: status);
    }

    private void Record(HttpContext context, ConfigKind kind, string id, string? before, string? after, bool password)
    {
        var detail = new Dictionary<string, object?>
        {
            ["before"] = before is null ? null : EntryView.ItemOf(kind, before),
            ["after"] = after is null ? null : EntryView.ItemOf(kind, after),
        };
        if (password)
        {
            detail["password"] = PasswordChanged;
        }

        audit.Record(context, AuditAction.ConfigChange,
            park: kind == ConfigKind.Park ? id : null,
            station: kind == ConfigKind.Station ? id : null,
            subject: $"{Word(kind)}/{id}",
            detail: JsonSerializer.Serialize(detail, AdminJson.Api));
    }

    private static string By(HttpContext context) => context.User.Identity?.Name ?? "anonymous";
}
