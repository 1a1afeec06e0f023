namespace EnvMonitoring.Cloud.Audit;

/// <summary>
/// One audited action: when, what (<see cref="AuditAction"/>), who (the user, or the name typed in a
/// failed sign-in, or <c>configuration</c>), from where (the client's address), about which park
/// and station, on what (an alert id, a report's range, an export's manifest hash) and any detail.
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset At, string Action, string User, string? Source, string? Park = null, string? Station = null, string? Subject = null, string? Detail = null);
