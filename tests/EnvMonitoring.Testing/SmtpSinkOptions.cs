namespace EnvMonitoring.Testing;

/// <summary>How a <see cref="SmtpSink"/> behaves.</summary>
public sealed record SmtpSinkOptions
{
    /// <summary>When set (with <see cref="Password"/>), clients must log in (AUTH PLAIN or LOGIN, no TLS on loopback).</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>The first N messages are answered with <see cref="FailCode"/> (busy: a client should retry).</summary>
    public int FailFirst { get; init; }

    /// <summary>A 4xx reply code for <see cref="FailFirst"/>.</summary>
    public int FailCode { get; init; } = 451;

    /// <summary>When set (a 5xx code), every message after the first <see cref="FailFirst"/> is refused with it.</summary>
    public int? RejectCode { get; init; }
}
