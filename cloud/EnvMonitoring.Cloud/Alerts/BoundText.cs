using System.Globalization;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Rules.Limits;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// A value against the bound it is judged by, in one form for every text the host writes (e-mail,
/// report, back-test table): <c>&lt; 6</c> for pH 4.5 under 6–9, <c>&gt; 9</c> for 10.8; within the
/// limit <c>≥ 6</c> or <c>≤ 9</c>. A one-sided limit is said by its multiple (<c>×2.30</c>) instead.
/// </summary>
internal static class BoundText
{
    private static readonly string Lower = WireName.Of(LimitBound.Lower);

    /// <summary>The comparison, e.g. <c>&lt; 6</c>; null without a bound or a value.</summary>
    public static string? Of(double? value, string? bound, double? limit) => (value, bound, limit) switch
    {
        ({ } v, { } b, { } l) when b == Lower => $"{(v < l ? "<" : "≥")} {Number(l)}",
        ({ } v, not null, { } l) => $"{(v > l ? ">" : "≤")} {Number(l)}",
        _ => null,
    };

    /// <summary>How far a value is beyond its limit: <c>×2.30</c>, or for a range (no multiple) <c>&lt; 6</c>; empty when neither is known.</summary>
    public static string Measure(double? value, double? multiple, string? bound, double? limit) =>
        multiple is { } m ? "×" + m.ToString("0.00", CultureInfo.InvariantCulture) : Of(value, bound, limit) ?? "";

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
