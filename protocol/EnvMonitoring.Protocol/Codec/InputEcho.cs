namespace EnvMonitoring.Protocol.Codec;

/// <summary>
/// Text from the input quoted back in a rejection (a station id, a parameter code, a topic), cut
/// short so that a hostile payload cannot bloat the quarantine, the log or a PUBACK reason.
/// </summary>
public static class InputEcho
{
    /// <summary>Enough for any valid identifier (64 characters) and a glimpse of anything else.</summary>
    public const int MaxChars = 64;

    /// <summary>Topics: a contract topic can be up to 256 characters, and its whole shape is what tells a wrong one apart.</summary>
    public const int MaxTopicChars = 128;

    /// <summary><paramref name="text"/> up to <paramref name="maxChars"/> characters, then an ellipsis; <c>null</c> for no text.</summary>
    public static string Of(string? text, int maxChars = MaxChars)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChars);
        return text is null ? "null" : text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars), "…");
    }

    /// <summary>A topic quoted back, up to <see cref="MaxTopicChars"/>.</summary>
    public static string Topic(string? topic) => Of(topic, MaxTopicChars);
}
