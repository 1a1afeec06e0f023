using Microsoft.AspNetCore.Http.HttpResults;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// What is wrong with a body, field by field: each key is the field's JSON path in camelCase
/// (<c>site.dischargeM3PerDay</c>, <c>permit[0].max</c>), with an English message for <c>errors</c>
/// and a Vietnamese one for the extension <c>errorsVi</c>, so the dashboard says it in the reader's language.
/// </summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _english = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _vietnamese = new(StringComparer.Ordinal);

    public bool Any => _english.Count > 0;

    public bool Has(string field) => _english.ContainsKey(field);

    public void Add(string field, string english, string vietnamese)
    {
        Add(_english, field, english);
        Add(_vietnamese, field, vietnamese);
    }

    /// <summary>Every error of <paramref name="other"/>, with its keys under <paramref name="prefix"/> (e.g. <c>stations[3].</c>).</summary>
    public void AddAll(FieldErrors other, string prefix)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (field, messages) in other._english)
        {
            foreach (var (english, vietnamese) in messages.Zip(other._vietnamese[field]))
            {
                Add(prefix + field, english, vietnamese);
            }
        }
    }

    public ValidationProblem ToProblem(string title) => TypedResults.ValidationProblem(
        _english.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
        title: title,
        extensions: new Dictionary<string, object?> { ["errorsVi"] = _vietnamese.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal) });

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }
}
