namespace EnvMonitoring.Cloud.Export;

/// <summary>One export running in the background (or done): its progress, file and outcome.</summary>
internal sealed class ExportJob(string id, ExportRequest request, string user, DateTimeOffset createdAt, string path)
{
    private double _progress;

    public string Id { get; } = id;

    public ExportRequest Request { get; } = request;

    public string User { get; } = user;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string Path { get; } = path;

    public CancellationTokenSource Cancel { get; } = new();

    public ExportState State { get; set; } = ExportState.Running;

    public double Progress
    {
        get => Volatile.Read(ref _progress);
        set => Volatile.Write(ref _progress, value);
    }

    public DateTimeOffset? EndedAt { get; set; }

    public long? Bytes { get; set; }

    public string? ManifestSha256 { get; set; }

    public string? Error { get; set; }

    public Task Work { get; set; } = Task.CompletedTask;

    public ExportStatus Status() => new(
        Id, State.ToString().ToLowerInvariant(), Math.Round(Progress * 100, 1), Request.Station, Request.From, Request.To,
        User, CreatedAt, EndedAt, Bytes, ManifestSha256, Error, State == ExportState.Completed ? $"/api/exports/{Id}/file" : null);
}

internal enum ExportState
{
    Running,
    Completed,
    Failed,
}

/// <summary>What <c>GET /api/exports/{id}</c> answers; <see cref="Percent"/> is 0-100.</summary>
public sealed record ExportStatus(
    string Id, string State, double Percent, string Station, DateTimeOffset From, DateTimeOffset To, string CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? EndedAt, long? Bytes, string? ManifestSha256, string? Error, string? File);
