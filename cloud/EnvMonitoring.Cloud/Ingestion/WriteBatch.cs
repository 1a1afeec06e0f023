namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// The lines of one InfluxDB write and the messages they came from, in order. Reused from a pool:
/// its buffer grows once to the batch size and is then kept.
/// </summary>
internal sealed class WriteBatch
{
    private readonly List<int> _messageOffsets = [];

    public LineBuffer Lines { get; } = new(1 << 20);

    public List<IngestedMessage> Messages { get; } = [];

    /// <summary>Samples refused because they would have rewritten stored ones; reported once the batch is stored.</summary>
    public List<StorageConflict> Conflicts { get; } = [];

    /// <summary>Increases by one per batch filled; the append-only check knows a batch's samples are stored once its ordinal is acknowledged.</summary>
    public long Ordinal { get; private set; }

    public int LineCount { get; private set; }

    public int ValueCount { get; private set; }

    /// <summary>Completes when every line is stored or quarantined; faults or cancels when it was not.</summary>
    public TaskCompletionSource Stored { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void BeginMessage(IngestedMessage message)
    {
        Messages.Add(message);
        _messageOffsets.Add(Lines.WrittenCount);
    }

    /// <summary>The last message begun stands for <paramref name="message"/> from now on (the same message with fewer samples).</summary>
    public void ReplaceLastMessage(IngestedMessage message) => Messages[^1] = message;

    public void LineAdded(int values)
    {
        LineCount++;
        ValueCount += values;
    }

    /// <summary>The message whose lines include the byte at <paramref name="offset"/>.</summary>
    public IngestedMessage MessageAt(int offset)
    {
        var index = _messageOffsets.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        // Messages without lines share an offset with the next one; the last such entry owns the lines.
        while (index + 1 < _messageOffsets.Count && _messageOffsets[index + 1] == _messageOffsets[index])
        {
            index++;
        }

        return Messages[Math.Max(index, 0)];
    }

    public void Reset(long ordinal)
    {
        Lines.Clear();
        Messages.Clear();
        Conflicts.Clear();
        _messageOffsets.Clear();
        Ordinal = ordinal;
        LineCount = 0;
        ValueCount = 0;
        Stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
