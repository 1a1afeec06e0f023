using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EnvMonitoring.Integration.Tests.ApiContract;

/// <summary>
/// docs/api.md, the integrators' reference, written from the served OpenAPI document: the sign-in
/// schemes, a table of every operation and who may call it, then each operation's parameters, body
/// and answers, and the schemas. Deterministic (no server address), so the committed page can be
/// compared with a fresh rendering.
/// </summary>
internal static class ApiReference
{
    public static string Render(JsonElement root)
    {
        var md = new StringBuilder();
        var info = root.GetProperty("info");
        md.Append("# HTTP API reference\n\n");
        md.Append("<!-- Generated from the OpenAPI document the cloud host serves; do not edit. `./envmon api-doc` rewrites it, and ApiReferenceTests fails when it is out of date. -->\n\n");
        md.Append(info.GetProperty("description").GetString()).Append("\n\n");
        md.Append("This page is written from the OpenAPI ").Append(root.GetProperty("openapi").GetString())
            .Append(" document the cloud host serves at `GET /openapi/v1.json` (it takes a sign-in, like the rest of the API, unless ")
            .Append("`ApiContract:Anonymous` is `true`); load that into any OpenAPI tool to generate a client. The document is made in ")
            .Append("`cloud/EnvMonitoring.Cloud/ApiContract` from the routes as mapped, and `tests/EnvMonitoring.Integration.Tests/ApiContract` checks it ")
            .Append("against every mapped route, the roles the host's authorization grants and the answers the host gives.\n\n");

        md.Append("## Signing in\n\n");
        foreach (var scheme in root.GetProperty("components").GetProperty("securitySchemes").EnumerateObject())
        {
            var kind = scheme.Value.GetProperty("type").GetString() == "http"
                ? $"HTTP `{scheme.Value.GetProperty("scheme").GetString()}`"
                : $"`{scheme.Value.GetProperty("name").GetString()}` {scheme.Value.GetProperty("in").GetString()}";
            md.Append("- **").Append(scheme.Name).Append("** (").Append(kind).Append("): ").Append(scheme.Value.GetProperty("description").GetString()).Append('\n');
        }

        md.Append("\n*Who* below: *anyone* (no sign-in), *signed in* (any role), or the roles that may call; *every park*: a user bound to some parks ")
            .Append("is refused. A user bound to parks sees and acts on their parks' stations only: elsewhere the answer is 403.\n\n");

        md.Append("## Operations\n\n| | path | who | what |\n|---|---|---|---|\n");
        var operations = ApiDocument.Operations(root).OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => Array.IndexOf(ApiDocument.Methods, o.Method)).ToList();
        foreach (var (path, method, operation) in operations)
        {
            md.Append("| ").Append(method.ToUpperInvariant()).Append(" | [`").Append(path).Append("`](#").Append(Anchor(method + " " + path)).Append(") | ")
                .Append(Who(operation)).Append(" | ").Append(Cell(Summary(operation))).Append(" |\n");
        }

        foreach (var (path, method, operation) in operations)
        {
            md.Append("\n## ").Append(method.ToUpperInvariant()).Append(' ').Append(path).Append("\n\n");
            md.Append(Summary(operation)).Append("\n\n**Who:** ").Append(Who(operation)).Append("\n\n");
            if (operation.TryGetProperty("parameters", out var parameters) && parameters.GetArrayLength() > 0)
            {
                md.Append("| parameter | in | type | required |\n|---|---|---|---|\n");
                foreach (var parameter in parameters.EnumerateArray())
                {
                    md.Append("| `").Append(parameter.GetProperty("name").GetString()).Append("` | ").Append(parameter.GetProperty("in").GetString()).Append(" | ")
                        .Append(Type(parameter.GetProperty("schema"))).Append(" | ")
                        .Append(parameter.TryGetProperty("required", out var required) && required.GetBoolean() ? "yes" : "no").Append(" |\n");
                }

                md.Append('\n');
            }

            if (operation.TryGetProperty("requestBody", out var body))
            {
                md.Append("**Body:** ").Append(Content(body.GetProperty("content"))).Append("\n\n");
            }

            md.Append("| answer | content | when |\n|---|---|---|\n");
            foreach (var response in operation.GetProperty("responses").EnumerateObject().OrderBy(r => r.Name, StringComparer.Ordinal))
            {
                md.Append("| ").Append(response.Name).Append(" | ")
                    .Append(response.Value.TryGetProperty("content", out var content) ? Content(content) : "—").Append(" | ")
                    .Append(Cell(response.Value.TryGetProperty("description", out var description) ? description.GetString() ?? "" : "")).Append(" |\n");
            }
        }

        md.Append("\n## Schemas\n");
        foreach (var schema in root.GetProperty("components").GetProperty("schemas").EnumerateObject().OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            md.Append("\n### ").Append(schema.Name).Append("\n\n");
            if (!schema.Value.TryGetProperty("properties", out var properties))
            {
                md.Append(Type(schema.Value)).Append('\n');
                continue;
            }

            var required = schema.Value.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()).ToHashSet() : [];
            md.Append("| field | type | required |\n|---|---|---|\n");
            foreach (var property in properties.EnumerateObject())
            {
                md.Append("| `").Append(property.Name).Append("` | ").Append(Type(property.Value)).Append(" | ").Append(required.Contains(property.Name) ? "yes" : "no").Append(" |\n");
            }
        }

        return md.ToString();
    }

    private static string Summary(JsonElement operation) =>
        operation.TryGetProperty("summary", out var summary) ? summary.GetString() ?? "" : "";

    private static string Who(JsonElement operation)
    {
        if (!operation.TryGetProperty("x-envmon-roles", out var roles))
        {
            return "anyone";
        }

        var names = roles.EnumerateArray().Select(r => r.GetString()!).ToList();
        var who = names.Count == EnvMonitoring.Cloud.Security.Roles.All.Count ? "signed in" : string.Join(", ", names);
        return operation.TryGetProperty("x-envmon-every-park", out var everyPark) && everyPark.GetBoolean() ? who + "; every park" : who;
    }

    private static string Content(JsonElement content) => string.Join("; ", content.EnumerateObject().Select(media =>
        media.Value.TryGetProperty("schema", out var schema) ? $"`{media.Name}` {Type(schema)}" : $"`{media.Name}`"));

    /// <summary>A schema in a few words: a linked name, a type (with format), a list, a choice; "or null" where null is allowed.</summary>
    private static string Type(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()![(reference.GetString()!.LastIndexOf('/') + 1)..];
            return $"[{name}](#{Anchor(name)})";
        }

        foreach (var choice in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(choice, out var options))
            {
                var kinds = options.EnumerateArray().Where(o => !IsNull(o)).Select(Type).ToList();
                return string.Join(" or ", kinds) + (options.EnumerateArray().Any(IsNull) ? " or null" : "");
            }
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return string.Join(" \\| ", values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? "null" : $"`{v}`"));
        }

        var types = !schema.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList()
            : [type.GetString()!];
        var nullable = types.Remove("null");
        // ASP.NET writes a number bound from text as ["integer", "string"] with a pattern: it is a number.
        if (types.Count == 2 && types.Contains("string") && (types.Contains("integer") || types.Contains("number")))
        {
            types.Remove("string");
        }

        var words = types.Select(t => t switch
        {
            "array" => schema.TryGetProperty("items", out var items) ? Type(items) + "[]" : "array",
            "object" when schema.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object => $"map of {Type(values)}",
            _ => schema.TryGetProperty("format", out var format) ? $"{t} ({format.GetString()})" : t,
        }).ToList();
        var text = words.Count == 0 ? "any" : string.Join(" or ", words);
        return nullable ? text + " or null" : text;
    }

    private static bool IsNull(JsonElement schema) => schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

    /// <summary>GitHub's heading anchor: lower case, spaces to '-', punctuation other than '-' and '_' dropped.</summary>
    private static string Anchor(string heading) => string.Concat(heading.ToLower(CultureInfo.InvariantCulture)
        .Select(c => c == ' ' ? "-" : char.IsLetterOrDigit(c) || c is '-' or '_' ? c.ToString() : ""));

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
