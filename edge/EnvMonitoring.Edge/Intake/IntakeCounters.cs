namespace EnvMonitoring.Edge.Intake;

/// <summary>What the Circular-10 intake has done since start, for the gateway's status and tests.</summary>
internal sealed class IntakeCounters
{
    private long _filesIngested;
    private long _filesRejected;
    private long _samplesIngested;
    private long _appendFailures;
    private long _scans;
    private long _duplicates;

    public long FilesIngested => Interlocked.Read(ref _filesIngested);

    public long FilesRejected => Interlocked.Read(ref _filesRejected);

    public long SamplesIngested => Interlocked.Read(ref _samplesIngested);

    /// <summary>Files left in the drop folder because the log refused or failed to append them.</summary>
    public long AppendFailures => Interlocked.Read(ref _appendFailures);

    /// <summary>Files dropped again with the content already archived under their name: skipped.</summary>
    public long DuplicatesSkipped => Interlocked.Read(ref _duplicates);

    /// <summary>Complete passes over the drop folder.</summary>
    public long Scans => Interlocked.Read(ref _scans);

    public void Ingested(int samples)
    {
        Interlocked.Increment(ref _filesIngested);
        Interlocked.Add(ref _samplesIngested, samples);
    }

    public void Rejected() => Interlocked.Increment(ref _filesRejected);

    public void AppendFailed() => Interlocked.Increment(ref _appendFailures);

    public void DuplicateSkipped() => Interlocked.Increment(ref _duplicates);

    public void Scanned() => Interlocked.Increment(ref _scans);
}
