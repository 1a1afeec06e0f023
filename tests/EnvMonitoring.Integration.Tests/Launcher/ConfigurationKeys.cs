using System.Collections;
using System.Reflection;

namespace EnvMonitoring.Integration.Tests.Launcher;

/// <summary>
/// Whether a configuration key (<c>Section:Key:0:Sub</c>) names something a program reads: its
/// options classes are found by reflection — every type of the program's assembly declaring a
/// <c>const string Section</c> is bound at that section (<c>BindConfiguration(X.Section)</c>, the
/// house rule) — and the key's path is walked through their properties as the configuration binder
/// walks it: a property by name (any case), a list by index, a dictionary by any key, and nothing
/// below a value. Lists bound by section (the cloud's registry) and the keys a program reads by
/// name are given by the caller. A misspelt or invented key has no such path.
/// </summary>
internal sealed class ConfigurationKeys
{
    private readonly List<(string Section, Type Type)> _sections;
    private readonly HashSet<string> _topLevel;

    public ConfigurationKeys(Assembly program, IReadOnlyDictionary<string, Type>? lists = null, IEnumerable<string>? topLevel = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        _sections = [.. program.GetTypes()
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(s => s.Field is { IsLiteral: true } && s.Field.FieldType == typeof(string) && !(lists?.ContainsKey((string)s.Field.GetRawConstantValue()!) ?? false))
            .Select(s => ((string)s.Field!.GetRawConstantValue()!, s.Type))];
        _sections.AddRange((lists ?? new Dictionary<string, Type>()).Select(l => (l.Key, l.Value)));
        _topLevel = new HashSet<string>(topLevel ?? [], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The options sections found, for the test's own sanity check.</summary>
    public IEnumerable<string> Sections => _sections.Select(s => s.Section);

    /// <summary>Whether <paramref name="key"/> (':'-separated) reaches a settable value; <paramref name="why"/> says where it stops.</summary>
    public bool Exists(string key, out string why)
    {
        if (_topLevel.Contains(key))
        {
            why = "";
            return true;
        }

        var segments = key.Split(':');
        // The longest section that prefixes the key (Gateway:Intake before Gateway).
        var match = _sections
            .Select(s => (s.Section, s.Type, Parts: s.Section.Split(':')))
            .Where(s => s.Parts.Length <= segments.Length && s.Parts.Select((p, i) => string.Equals(p, segments[i], StringComparison.OrdinalIgnoreCase)).All(b => b))
            .OrderByDescending(s => s.Parts.Length)
            .FirstOrDefault();
        if (match.Type is null)
        {
            why = $"no options section {segments[0]}";
            return false;
        }

        return Walk(match.Type, segments, match.Parts.Length, out why);
    }

    private static bool Walk(Type type, string[] segments, int index, out string why)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (index == segments.Length)
        {
            why = "";
            return true;
        }

        var segment = segments[index];
        if (IsValue(type))
        {
            why = $"{string.Join(':', segments[..index])} is a value ({type.Name}); it has no {segment}";
            return false;
        }

        if (Dictionary(type) is { } valueType)
        {
            return Walk(valueType, segments, index + 1, out why);
        }

        if (Element(type) is { } elementType)
        {
            if (!int.TryParse(segment, out _))
            {
                why = $"{string.Join(':', segments[..index])} is a list: {segment} is not an index";
                return false;
            }

            return Walk(elementType, segments, index + 1, out why);
        }

        var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null)
        {
            why = $"{type.Name} has no property {segment} (under {string.Join(':', segments[..index])})";
            return false;
        }

        return Walk(property.PropertyType, segments, index + 1, out why);
    }

    private static bool IsValue(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(Guid);

    private static Type? Dictionary(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) && i.GetGenericArguments()[0] == typeof(string))
            ?.GetGenericArguments()[1];

    private static Type? Element(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type)
            ? type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : null;
}
