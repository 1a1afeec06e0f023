using System.Net;

namespace EnvMonitoring.Cloud.Storage;

public enum InfluxWriteOutcome
{
    /// <summary>HTTP 204: every line is stored.</summary>
    Written,

    /// <summary>Unreachable, timed out, 5xx, or refused for a reason that is not the data's (401, 403, …): send again.</summary>
    Retryable,

    /// <summary>400: InfluxDB refused lines (its reason is in <see cref="InfluxWriteResult.Error"/>); 1.x wrote the others.</summary>
    Rejected,

    /// <summary>413: the request body is over InfluxDB's limit; send it in parts.</summary>
    TooLarge,

    /// <summary>404: the database does not exist (dropped, or not created yet); create it and send again.</summary>
    DatabaseMissing,
}

public readonly record struct InfluxWriteResult(InfluxWriteOutcome Outcome, HttpStatusCode? Status, string? Error)
{
    public static InfluxWriteResult Written { get; } = new(InfluxWriteOutcome.Written, HttpStatusCode.NoContent, null);
}
