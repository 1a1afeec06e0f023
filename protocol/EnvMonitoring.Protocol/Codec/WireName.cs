using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnvMonitoring.Protocol.Codec;

/// <summary>
/// The one policy for an enum value's name outside a process (JSON bodies, hub messages,
/// webhooks, reports, CSV, stored tags): the member's <see cref="JsonStringEnumMemberNameAttribute"/>
/// when it has one, otherwise its name in camelCase (<c>HourlyMean</c> → <c>hourlyMean</c>). That is
/// exactly what <c>JsonStringEnumConverter(JsonNamingPolicy.CamelCase)</c> writes, so a
/// serialised enum and a name written by hand can never disagree.
/// </summary>
public static class WireName
{
    /// <summary>The wire name of <paramref name="value"/>; an undefined value is refused, never written as a number.</summary>
    public static string Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Names<TEnum>.ByValue.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a defined {typeof(TEnum).Name}.");

    /// <summary>Reads a wire name back, ignoring case (people type them in query strings); numbers are not names.</summary>
    public static bool TryParse<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return text is not null && Names<TEnum>.ByName.TryGetValue(text, out value);
    }

    /// <summary>Every wire name of <typeparamref name="TEnum"/>, in declaration order (for error messages and docs).</summary>
    public static IReadOnlyList<string> All<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum>()
        where TEnum : struct, Enum => Names<TEnum>.InOrder;

    private static class Names<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum>
        where TEnum : struct, Enum
    {
        public static readonly string[] InOrder;
        public static readonly FrozenDictionary<TEnum, string> ByValue;
        public static readonly FrozenDictionary<string, TEnum> ByName;

        static Names()
        {
            var members = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => (Value: (TEnum)f.GetValue(null)!, Name: f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(f.Name)))
                .ToArray();
            InOrder = [.. members.Select(m => m.Name)];
            ByValue = members.DistinctBy(m => m.Value).ToFrozenDictionary(m => m.Value, m => m.Name);
            ByName = members.ToFrozenDictionary(m => m.Name, m => m.Value, StringComparer.OrdinalIgnoreCase);
        }
    }
}
