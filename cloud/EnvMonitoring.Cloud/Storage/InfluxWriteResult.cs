using System.Net;

namespace EnvMonitoring.Cloud.Storage;

public enum InfluxWriteOutcome
{
    /// <summary>HTTP 204: every line is stored.</summary>
    Written,

    /// <summary>Unreachable, timed out or 5xx: nothing may be assumed stored; send again.</summary>
    Retryable,

    /// <summary>4xx: InfluxDB refused lines (its reason is in <see cref="InfluxWriteResult.Error"/>); the rest were written.</summary>
    Rejected,
}

public readonly record struct InfluxWriteResult(InfluxWriteOutcome Outcome, HttpStatusCode? Status, string? Error)
{
    public static InfluxWriteResult Written { get; } = new(InfluxWriteOutcome.Written, HttpStatusCode.NoContent, null);
}
