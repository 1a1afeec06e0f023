namespace EnvMonitoring.Protocol.Codec;

/// <summary>Collects rejections up to a cap; allocates nothing while input is clean.</summary>
internal sealed class RejectionSink(int capacity)
{
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
}
