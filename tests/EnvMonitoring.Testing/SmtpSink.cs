using System.Globalization;

namespace EnvMonitoring.Testing;

/// <summary>
/// A private SMTP server on a free loopback port (Debian's <c>python3-aiosmtpd</c> running
/// <c>smtp_sink.py</c>), which saves every accepted message as an <c>.eml</c> file in its own temp
/// directory and logs every attempt, so tests send real mail over real SMTP and read what arrived.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private const string InstallHint = "run `./envmon test` (it installs python3-aiosmtpd) or `apt-get install -y python3-aiosmtpd`";

    private readonly ServerProcess _process;
    private bool _disposed;

    private SmtpSink(string directory, int port, IReadOnlyList<string> arguments)
    {
        DataDirectory = directory;
        Port = port;
        _process = new ServerProcess(
            $"SMTP sink (127.0.0.1:{port})", Python, arguments, directory, ct => FreePort.AcceptsConnectionsAsync(port, ct), $"accept SMTP connections on 127.0.0.1:{port}");
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>Holds the script, <c>attempts.log</c> and the messages (<c>mail/NNNNN.eml</c>); deleted on dispose.</summary>
    public string DataDirectory { get; }

    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    public string OutputTail => _process.OutputTail;

    /// <summary>Messages saved so far, oldest first, as raw RFC 5322 bytes.</summary>
    public IReadOnlyList<byte[]> Messages =>
        [.. Directory.GetFiles(MailDirectory, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];

    /// <summary>The envelope of each saved message (lines <c>from:</c>, <c>to:</c>, <c>login:</c>), in the order of <see cref="Messages"/>.</summary>
    public IReadOnlyList<string> Envelopes =>
        [.. Directory.GetFiles(MailDirectory, "*.envelope").Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    /// <summary>Messages clients tried to send (DATA commands), accepted or not.</summary>
    public int Attempts
    {
        get
        {
            var log = Path.Combine(MailDirectory, "attempts.log");
            return File.Exists(log) ? File.ReadAllLines(log).Length : 0;
        }
    }

    /// <exception cref="InvalidOperationException">python3 or aiosmtpd is missing, or the server exited during start-up.</exception>
    public static async Task<SmtpSink> StartAsync(SmtpSinkOptions? options = null, CancellationToken ct = default)
    {
        options ??= new SmtpSinkOptions();
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is not installed: {InstallHint}");
        }

        var directory = Directory.CreateTempSubdirectory("envmon-smtp-").FullName;
        var script = Path.Combine(directory, "smtp_sink.py");
        var port = FreePort.Next();
        var arguments = new List<string>
        {
            script, "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", Path.Combine(directory, "mail"),
            "--fail-first", options.FailFirst.ToString(CultureInfo.InvariantCulture),
            "--fail-code", options.FailCode.ToString(CultureInfo.InvariantCulture),
        };
        if (options.RejectCode is { } reject)
        {
            arguments.AddRange(["--reject-code", reject.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.User is not null)
        {
            arguments.AddRange(["--user", options.User, "--password", options.Password ?? ""]);
        }

        var sink = new SmtpSink(directory, port, arguments);
        try
        {
            Directory.CreateDirectory(sink.MailDirectory);
            await using (var resource = typeof(SmtpSink).Assembly.GetManifestResourceStream("EnvMonitoring.Testing.smtp_sink.py")
                ?? throw new InvalidOperationException("smtp_sink.py is not embedded in EnvMonitoring.Testing."))
            await using (var file = File.Create(script))
            {
                await resource.CopyToAsync(file, ct);
            }

            await sink._process.StartAsync(ct);
            return sink;
        }
        catch
        {
            await sink.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages are saved and returns them all.</summary>
    public async Task<IReadOnlyList<byte[]>> WaitForMessagesAsync(int count, TimeSpan timeout, CancellationToken ct = default)
    {
        await Eventually.UntilAsync(
            () => Directory.GetFiles(MailDirectory, "*.eml").Length >= count, timeout, $"the SMTP sink holds {count} message(s) (output: {OutputTail})", ct);
        return Messages;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await _process.KillAsync(CancellationToken.None);
        }
        finally
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }

    public override string ToString() => $"SMTP sink at smtp://{Host}:{Port} saving to {MailDirectory}";
}
