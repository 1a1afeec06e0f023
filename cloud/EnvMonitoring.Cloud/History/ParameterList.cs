using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Cloud.History;

/// <summary>Parses a comma-separated list of catalog codes (<c>COD,TSS</c>), naming what is wrong.</summary>
internal static class ParameterList
{
    public const int MaxParameters = 32;

    public static List<Parameter>? Parse(string? text, string name, ParameterCatalog catalog, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[name] = [$"{name} is required: one or more parameter codes separated by commas, e.g. COD,TSS."];
            return null;
        }

        var parameters = new List<Parameter>();
        foreach (var code in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!catalog.TryGet(code.AsSpan(), out var parameter))
            {
                var shown = code.Length > 40 ? code[..40] + "…" : code;
                errors[name] = [$"'{shown}' is not a catalog parameter (codes are case-sensitive); known: {string.Join(", ", catalog.Parameters.Select(p => p.Code))}."];
                return null;
            }

            if (parameters.Contains(parameter))
            {
                errors[name] = [$"{code} is listed twice."];
                return null;
            }

            parameters.Add(parameter);
        }

        if (parameters.Count > MaxParameters)
        {
            errors[name] = [$"at most {MaxParameters} parameters per request."];
            return null;
        }

        return parameters;
    }
}
