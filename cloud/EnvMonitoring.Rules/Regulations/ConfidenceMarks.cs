namespace EnvMonitoring.Rules.Regulations;

/// <summary>The one-letter marks regulation files use for <see cref="Confidence"/> (<c>C</c>, <c>L</c>, <c>U</c>).</summary>
public static class ConfidenceMarks
{
    /// <summary>True for values the admin view must show as "to verify".</summary>
    public static bool IsToVerify(this Confidence confidence) => confidence != Confidence.Confirmed;

    /// <summary>The weaker of two marks: a value derived from both is only as sure as its weakest input.</summary>
    public static Confidence Weakest(Confidence a, Confidence b) => a > b ? a : b;

    public static string ToMark(this Confidence confidence) => confidence switch
    {
        Confidence.Confirmed => "C",
        Confidence.Likely => "L",
        _ => "U",
    };

    internal static bool TryParse(string? mark, out Confidence confidence)
    {
        (var ok, confidence) = mark switch
        {
            "C" => (true, Confidence.Confirmed),
            "L" => (true, Confidence.Likely),
            "U" => (true, Confidence.Uncertain),
            _ => (false, Confidence.Uncertain),
        };
        return ok;
    }
}
