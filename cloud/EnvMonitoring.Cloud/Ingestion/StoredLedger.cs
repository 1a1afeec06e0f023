namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// What ingestion knows is stored for each station, so that the append-only check reads nothing
/// from InfluxDB on the common path (docs/storage.md, "Append-only"). Per station it keeps a floor
/// (the newest measurement time stored before this process began, raised as memory is trimmed) and,
/// for every sample this process admitted, its time, the hash of its line and its seq. Above the
/// floor, the samples in memory are exactly what InfluxDB holds or is being sent; below it, only a
/// read can tell. Used by the batch-filling loop alone; <see cref="Durable"/> comes from the acknowledging loop.
/// </summary>
internal sealed class StoredLedger(int samplesPerStation)
{
    private readonly Dictionary<string, Station> _stations = new(StringComparer.Ordinal);
    private readonly List<long> _times = [];
    private long _durableThrough = -1;

    /// <summary>False until <see cref="Seed"/>: every sample is unknown until the floors are read.</summary>
    public bool IsSeeded { get; private set; }

    /// <summary>Stations whose samples are held, for the metrics.</summary>
    public int Stations => _stations.Count;

    /// <summary>
    /// Sets each station's floor to its newest stored measurement time. A station missing from
    /// <paramref name="newest"/> has nothing stored: everything about it is known.
    /// </summary>
    public void Seed(IReadOnlyDictionary<string, long> newest)
    {
        foreach (var (station, milliseconds) in newest)
        {
            StationOf(station).Floor = milliseconds;
        }

        IsSeeded = true;
    }

    /// <summary>
    /// Forgets what it knew of <paramref name="stations"/> and sets their floors anew from
    /// <paramref name="newest"/> (another instance stored their samples meanwhile).
    /// </summary>
    public void Relearn(IReadOnlyCollection<string> stations, IReadOnlyDictionary<string, long> newest)
    {
        foreach (var station in stations)
        {
            _stations.Remove(station);
            if (newest.TryGetValue(station, out var milliseconds))
            {
                StationOf(station).Floor = milliseconds;
            }
        }
    }

    /// <summary>What storing this sample would do, as far as memory knows.</summary>
    /// <param name="station">The sample's station.</param>
    /// <param name="milliseconds">Its measurement time, Unix milliseconds.</param>
    /// <param name="hash">The hash of its line: equal lines are equal content.</param>
    /// <param name="seq">Its seq, if it has one.</param>
    /// <param name="earlier">For a conflict, the measurement time of the stored sample it conflicts with.</param>
    public LedgerVerdict Check(string station, long milliseconds, ulong hash, long? seq, out long earlier)
    {
        earlier = milliseconds;
        if (!IsSeeded)
        {
            return LedgerVerdict.Unknown;
        }

        if (!_stations.TryGetValue(station, out var known))
        {
            return LedgerVerdict.New;
        }

        if (seq is { } number && known.Seqs.TryGetValue(number, out var seqTime) && seqTime != milliseconds)
        {
            earlier = seqTime;
            return LedgerVerdict.SequenceReused;
        }

        if (known.Samples.TryGetValue(milliseconds, out var entry))
        {
            return entry.Hash == hash ? LedgerVerdict.Repeat : LedgerVerdict.Conflict;
        }

        return milliseconds > known.Floor ? LedgerVerdict.New : LedgerVerdict.Unknown;
    }

    /// <summary>The sample goes into batch <paramref name="ordinal"/>: from now on it counts as stored.</summary>
    /// <param name="station">The sample's station.</param>
    /// <param name="milliseconds">Its measurement time, Unix milliseconds.</param>
    /// <param name="hash">The hash of its line.</param>
    /// <param name="seq">Its seq, if it has one.</param>
    /// <param name="ordinal">The batch that writes it.</param>
    public void Record(string station, long milliseconds, ulong hash, long? seq, long ordinal)
    {
        var known = StationOf(station);
        known.Samples[milliseconds] = new Entry(hash, ordinal);
        if (seq is { } number)
        {
            known.Seqs[number] = milliseconds;
        }

        if (known.Samples.Count > samplesPerStation)
        {
            Trim(known);
        }
    }

    /// <summary>Every batch up to <paramref name="ordinal"/> has been written (or given up): its samples may be forgotten.</summary>
    public void Durable(long ordinal) => Volatile.Write(ref _durableThrough, ordinal);

    /// <summary>
    /// Forgets the older half of a station's samples that are surely in InfluxDB and raises its floor
    /// over them: a later repeat of one of them costs a read instead of memory.
    /// </summary>
    private void Trim(Station known)
    {
        var durable = Volatile.Read(ref _durableThrough);
        var times = _times;
        times.Clear();
        foreach (var (time, entry) in known.Samples)
        {
            if (entry.Ordinal <= durable)
            {
                times.Add(time);
            }
        }

        // Most samples still in flight (a burst): trim on a later call rather than gain little now.
        if (times.Count < samplesPerStation / 4)
        {
            return;
        }

        times.Sort();
        var cut = times[times.Count / 2];
        foreach (var time in times)
        {
            if (time <= cut)
            {
                known.Samples.Remove(time);
            }
        }

        known.Floor = Math.Max(known.Floor, cut);
        // Removing while enumerating is allowed for Dictionary since .NET Core 3.0.
        foreach (var (seq, time) in known.Seqs)
        {
            if (time <= cut && !known.Samples.ContainsKey(time))
            {
                known.Seqs.Remove(seq);
            }
        }
    }

    private Station StationOf(string name)
    {
        if (!_stations.TryGetValue(name, out var known))
        {
            known = new Station();
            _stations.Add(name, known);
        }

        return known;
    }

    private readonly record struct Entry(ulong Hash, long Ordinal);

    private sealed class Station
    {
        /// <summary>Times at or below it may hold stored samples memory does not know.</summary>
        public long Floor { get; set; } = long.MinValue;

        public Dictionary<long, Entry> Samples { get; } = [];

        public Dictionary<long, long> Seqs { get; } = [];
    }
}

/// <summary>What the <see cref="StoredLedger"/> says storing a sample would do.</summary>
internal enum LedgerVerdict
{
    /// <summary>Nothing is stored at its time: write it.</summary>
    New,

    /// <summary>The same content is stored at its time (a replay): writing it again changes nothing.</summary>
    Repeat,

    /// <summary>Other content is stored at its time: writing would overwrite evidence.</summary>
    Conflict,

    /// <summary>Its seq was stored with another measurement time: a second version of one sample.</summary>
    SequenceReused,

    /// <summary>Below the floor and not in memory: only InfluxDB can tell.</summary>
    Unknown,
}
