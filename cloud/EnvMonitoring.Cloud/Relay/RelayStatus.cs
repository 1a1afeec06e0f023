namespace EnvMonitoring.Cloud.Relay;

/// <summary>
/// One destination as <c>GET /api/relay</c> and the health report show it: what waits
/// (<see cref="Backlog"/> files, the oldest of <see cref="OldestWaiting"/>), how far behind it is,
/// the last file it took, the last error, and <see cref="Problem"/> when a person should look
/// (credentials or permissions refused, a full disk, or behind by more than <see cref="RelayOptions.BehindAlert"/>).
/// </summary>
public sealed record RelayDestinationStatus(
    string Name,
    string Protocol,
    string Host,
    TimeSpan Interval,
    bool AcceptsCorrections,
    int Backlog,
    DateTimeOffset? OldestWaiting,
    DateTimeOffset? NextInterval,
    TimeSpan Behind,
    RelaySentFile? LastFile,
    RelayError? LastError,
    bool Failing,
    string? Problem);

/// <summary>The last file a destination took: its path on the server, the interval it reports, when.</summary>
public sealed record RelaySentFile(string RemotePath, string Station, DateTimeOffset Interval, bool Correction, DateTimeOffset At);

/// <summary>The last failure: its kind (wire name), the server's answer, when.</summary>
public sealed record RelayError(string Failure, string Message, DateTimeOffset At);

/// <summary>Every destination, and the problems of those that have one (null when none), for the health report.</summary>
public sealed record RelayHealth(IReadOnlyList<RelayDestinationStatus> Destinations, string? Problem)
{
    public static RelayHealth Of(IReadOnlyList<RelayDestinationStatus> destinations)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        var problems = destinations.Where(d => d.Problem is not null).Select(d => $"{d.Name}: {d.Problem}").ToList();
        return new RelayHealth(destinations, problems.Count == 0 ? null : string.Join("; ", problems));
    }
}
