namespace EnvMonitoring.Integration.Tests.Metrics;

/// <summary>
/// The metric names a PromQL expression reads, found with a plain tokenizer rather than a PromQL
/// parser: an identifier is a metric name unless it is followed by <c>(</c> (a function or an
/// aggregation, also when <c>by</c> or <c>without</c> comes first), is a keyword (<c>by</c>, <c>without</c>, <c>on</c>, <c>ignoring</c>,
/// <c>group_left</c>, <c>group_right</c>, <c>bool</c>, <c>and</c>, <c>or</c>, <c>unless</c>,
/// <c>offset</c>), or stands inside label matchers <c>{…}</c>, a range <c>[…]</c>, a label list
/// <c>by (…)</c> and the like, or a string. Limits: a name given only as <c>{__name__="…"}</c>, a
/// recording rule's name (no such thing here) and the <c>@</c> modifier are not understood; a
/// metric named like a keyword would be missed.
/// </summary>
internal static class PromQlNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
    };

    /// <summary>Keywords whose parenthesised list holds label names, not expressions.</summary>
    private static readonly HashSet<string> LabelLists = new(StringComparer.Ordinal) { "by", "without", "on", "ignoring", "group_left", "group_right" };

    public static IReadOnlyList<string> Of(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var names = new List<string>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(expression, i);
            }
            else if (c == '{')
            {
                i = SkipTo(expression, i, '}');
            }
            else if (c == '[')
            {
                i = SkipTo(expression, i, ']');
            }
            else if (char.IsDigit(c) || (c == '.' && i + 1 < expression.Length && char.IsDigit(expression[i + 1])))
            {
                // A number, possibly with a duration unit or an exponent (5m, 0.95, 1e3).
                while (i < expression.Length && (char.IsLetterOrDigit(expression[i]) || expression[i] == '.'))
                {
                    i++;
                }
            }
            else if (char.IsLetter(c) || c is '_' or ':')
            {
                var start = i;
                while (i < expression.Length && (char.IsLetterOrDigit(expression[i]) || expression[i] is '_' or ':'))
                {
                    i++;
                }

                var word = expression[start..i];
                var next = i;
                while (next < expression.Length && char.IsWhiteSpace(expression[next]))
                {
                    next++;
                }

                // An aggregation may put its label list first: sum by (le) (…).
                var call = next < expression.Length && (expression[next] == '(' || StartsWithWord(expression, next, "by") || StartsWithWord(expression, next, "without"));
                if (LabelLists.Contains(word) && call)
                {
                    i = SkipTo(expression, next, ')');
                }
                else if (!call && !Keywords.Contains(word))
                {
                    names.Add(word);
                }
            }
            else
            {
                i++;
            }
        }

        return names;
    }

    private static bool StartsWithWord(string text, int at, string word) =>
        string.CompareOrdinal(text, at, word, 0, word.Length) == 0 &&
        (at + word.Length == text.Length || !(char.IsLetterOrDigit(text[at + word.Length]) || text[at + word.Length] is '_' or ':'));

    private static int SkipString(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length && text[i] != quote)
        {
            i += text[i] == '\\' ? 2 : 1;
        }

        return i + 1;
    }

    private static int SkipTo(string text, int start, char close)
    {
        var i = start + 1;
        while (i < text.Length && text[i] != close)
        {
            i = text[i] is '"' or '\'' or '`' ? SkipString(text, i) : i + 1;
        }

        return i + 1;
    }
}
