using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// Reads a request body strictly: a property the type does not have (a typo such as <c>colum</c>)
/// is an error naming it, never silently dropped, and a value of the wrong type is an error under
/// its field's path.
/// </summary>
internal static class JsonBody
{
    /// <summary>The body as <typeparamref name="T"/>; null with <paramref name="errors"/> filled when it is not one.</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, FieldErrors errors, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, AdminJson.Api, cancellationToken);
        }
        catch (JsonException e)
        {
            errors.Add("body", $"The body is not JSON: {e.Message}", $"Nội dung gửi lên không phải JSON hợp lệ: {e.Message}");
            return null;
        }

        return Read<T>(body, errors);
    }

    /// <summary>The element as <typeparamref name="T"/>; null with <paramref name="errors"/> filled when it is not one.</summary>
    public static T? Read<T>(JsonElement body, FieldErrors errors)
        where T : class
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "The body must be a JSON object.", "Nội dung gửi lên phải là một đối tượng JSON.");
            return null;
        }

        Unknown(body, AdminJson.Api.GetTypeInfo(typeof(T)), "", errors);
        if (errors.Any)
        {
            return null;
        }

        try
        {
            return body.Deserialize<T>(AdminJson.Api) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            var field = Field(e.Path);
            errors.Add(field, $"{field} has a value of the wrong type or form.", $"{field} có giá trị sai kiểu hoặc sai định dạng.");
            return null;
        }
    }

    /// <summary>"$.permit[0].max" → "permit[0].max"; the body itself is "body".</summary>
    private static string Field(string? path) => path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static void Unknown(JsonElement element, JsonTypeInfo type, string path, FieldErrors errors)
    {
        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var known = type.Properties.FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
                    var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (known is null)
                    {
                        errors.Add(field, $"{field} is not a known property here.", $"{field} không phải là thuộc tính được biết ở đây.");
                    }
                    else
                    {
                        Unknown(property.Value, AdminJson.Api.GetTypeInfo(known.PropertyType), field, errors);
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array && type.ElementType is { } item:
                var index = 0;
                foreach (var value in element.EnumerateArray())
                {
                    Unknown(value, AdminJson.Api.GetTypeInfo(item), $"{path}[{index++}]", errors);
                }

                break;
            case JsonTypeInfoKind.Dictionary when element.ValueKind == JsonValueKind.Object && type.ElementType is { } value:
                foreach (var entry in element.EnumerateObject())
                {
                    Unknown(entry.Value, AdminJson.Api.GetTypeInfo(value), $"{path}.{entry.Name}", errors);
                }

                break;
        }
    }
}
