namespace EnvMonitoring.Protocol.Codec;

/// <summary>Collects rejections up to a cap; allocates nothing while input is clean.</summary>
internal sealed class RejectionSink(int capacity)
{
    private const int MaxEchoedChars = 64;

    private List<Rejection>? _items;
    private int _overflow;

    public IReadOnlyList<Rejection> ToList()
    {
        if (_items is null)
        {
            return [];
        }

        if (_overflow > 0)
        {
            _items.Add(new Rejection(RejectionReason.TooManyErrors, "$", $"{_overflow} further rejections were not listed."));
            _overflow = 0;
        }

        return _items;
    }

    public void Add(RejectionReason reason, string path, string detail)
    {
        _items ??= [];
        if (_items.Count >= capacity)
        {
            _overflow++;
            return;
        }

        _items.Add(new Rejection(reason, path, detail));
    }

    /// <summary>Shortens text echoed from the input so a hostile payload cannot bloat the quarantine.</summary>
    public static string Echo(string? text) =>
        text is null ? "null" : text.Length <= MaxEchoedChars ? text : string.Concat(text.AsSpan(0, MaxEchoedChars), "…");
}
