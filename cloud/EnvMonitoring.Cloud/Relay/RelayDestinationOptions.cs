namespace EnvMonitoring.Cloud.Relay;

/// <summary>One receiving system (section <c>Relay:Destinations:N</c>, docs/relay.md).</summary>
public sealed class RelayDestinationOptions
{
    /// <summary>A name of ours (an identifier): the status, metrics and the outbox folder use it.</summary>
    public string Name { get; set; } = "";

    public RelayProtocol Protocol { get; set; } = RelayProtocol.Sftp;

    public string Host { get; set; } = "";

    /// <summary>0 for the protocol's own (22 for SFTP, 21 for FTP and FTPS).</summary>
    public int Port { get; set; }

    /// <summary>The account; for an anonymous FTP drop, <c>anonymous</c>.</summary>
    public string User { get; set; } = "";

    /// <summary>The password (an environment variable or user secrets, never a file of the repository).</summary>
    public string? Password { get; set; }

    /// <summary>SFTP: an OpenSSH private key file used instead of (or before) the password.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>SFTP: the server's host key as <c>ssh-keygen -lf</c> prints it (<c>SHA256:…</c>); required, so a man in the middle is refused.</summary>
    public string? HostKeySha256 { get; set; }

    /// <summary>FTPS: the SHA-256 of the server's certificate (hex) to accept when the system does not trust its issuer; null for the system's trust.</summary>
    public string? CertificateSha256 { get; set; }

    /// <summary>Plain FTP sends the password and data in clear text: allowed only when set.</summary>
    public bool AllowPlainFtp { get; set; }

    /// <summary>The folder on the server the layout starts from.</summary>
    public string RemoteDirectory { get; set; } = "/";

    /// <summary>
    /// The sub-folders of each file under <see cref="RemoteDirectory"/>, with <c>{station}</c> (the
    /// destination's station code), <c>{yyyy}</c>, <c>{MM}</c>, <c>{dd}</c> (the interval's local date);
    /// empty puts every file straight in <see cref="RemoteDirectory"/>.
    /// </summary>
    public string Layout { get; set; } = "";

    /// <summary>How much time one file covers; divides a day.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after an interval closes its readings are read: time for them to arrive and be stored.</summary>
    public TimeSpan Settle { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// True when the destination accepts a corrected file (the same name again, replacing the first)
    /// for an interval whose readings arrived late; otherwise late readings are refused with a log.
    /// </summary>
    public bool AcceptsCorrections { get; set; }

    /// <summary>The first interval to send, for a back-fill; null starts with the interval under way at the first start.</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>The stations it receives.</summary>
    public List<RelayStationOptions> Stations { get; set; } = [];

    /// <summary>
    /// The parameters it receives, catalog code → the destination's name (e.g. <c>"NH4": "N-NH4"</c>);
    /// empty sends every parameter under its catalog code.
    /// </summary>
    public Dictionary<string, string> Parameters { get; set; } = [];

    /// <summary>The port used when <see cref="Port"/> is 0.</summary>
    public int EffectivePort => Port != 0 ? Port : Protocol == RelayProtocol.Sftp ? 22 : 21;
}
