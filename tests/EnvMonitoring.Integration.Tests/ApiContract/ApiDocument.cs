using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Cloud.ApiContract;
using Microsoft.AspNetCore.Routing.Patterns;

namespace EnvMonitoring.Integration.Tests.ApiContract;

/// <summary>Reading the served OpenAPI document.</summary>
internal static class ApiDocument
{
    public static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    /// <summary>The document as served, by a signed-in client.</summary>
    public static async Task<JsonDocument> ReadAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonDocument>(new Uri(ApiContractOptions.Path, UriKind.Relative))
            ?? throw new InvalidOperationException("The OpenAPI document is empty.");

    /// <summary>An OpenAPI path from a route pattern: <c>{number:long}</c> becomes <c>{number}</c>.</summary>
    public static string PathOf(RoutePattern pattern) => "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
        RoutePatternSeparatorPart separator => separator.Content,
        _ => throw new InvalidOperationException($"Unexpected route part {part}"),
    }))));

    /// <summary>Every operation: path, lower-case method, the operation object.</summary>
    public static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement root) =>
        from path in root.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select (path.Name, method.Name, method.Value);

    /// <summary>Every <c>$ref</c> in the document.</summary>
    public static IEnumerable<string> References(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "$ref" && property.Value.ValueKind == JsonValueKind.String)
                {
                    yield return property.Value.GetString()!;
                }
                else
                {
                    foreach (var reference in References(property.Value))
                    {
                        yield return reference;
                    }
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var reference in element.EnumerateArray().SelectMany(References))
            {
                yield return reference;
            }
        }
    }
}
