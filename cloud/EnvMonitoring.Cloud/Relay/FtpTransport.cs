using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EnvMonitoring.Cloud.Relay;

/// <summary>
/// FTP (passive) and FTPS (explicit TLS, AUTH TLS) with .NET's own <see cref="FtpWebRequest"/>: no
/// served FTP library exists here (FluentFTP is not served), and the obsolete class still speaks FTP
/// fine; its SYSLIB0014 warning is suppressed in this file only. Each step is one request; the
/// control connection is pooled between them (KeepAlive).
/// </summary>
#pragma warning disable SYSLIB0014 // WebRequest/FtpWebRequest are obsolete, but .NET has no other FTP client and no FTP package is served (docs/relay.md)
internal sealed class FtpTransport(RelayDestinationOptions options, TimeSpan timeout) : IRelayTransport
{
    // FtpWebRequest validates certificates only through the process-wide ServicePointManager callback
    // (and does not say which request asks): ours accepts a certificate the system trusts, or one whose
    // SHA-256 a destination pinned (CertificateSha256). Anything else keeps the system's judgement.
    private static readonly ConcurrentDictionary<string, byte> Pins = new(StringComparer.OrdinalIgnoreCase);
    private static int _callbackInstalled;

    private readonly HashSet<string> _ensured = new(StringComparer.Ordinal);
    private readonly NetworkCredential _credential = new(options.User, options.Password ?? "");
    private readonly string _groupName = $"envmon-relay-{options.Name}-{Guid.NewGuid():N}";

    public static FtpTransport Connect(RelayDestinationOptions options, TimeSpan timeout)
    {
        if (options.CertificateSha256 is { } pin)
        {
            Pins[pin] = 0;
        }

        if (Interlocked.Exchange(ref _callbackInstalled, 1) == 0)
        {
            ServicePointManager.ServerCertificateValidationCallback = Validate;
        }

        return new FtpTransport(options, timeout);
    }

    public async Task EnsureDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        if (_ensured.Contains(directory))
        {
            return; // made or found earlier in this session
        }

        var path = directory.StartsWith('/') ? "" : ".";
        foreach (var part in directory.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path = path + "/" + part;
            try
            {
                using var response = await RunAsync(WebRequestMethods.Ftp.MakeDirectory, path, null, "creating folder " + path, cancellationToken);
            }
            catch (RelayTransportException e) when (e.InnerException is WebException { Response: FtpWebResponse { StatusCode: FtpStatusCode.ActionNotTakenFileUnavailable } })
            {
                // 550 for a folder that exists already (or one we may not create: the upload will say so).
            }
        }

        _ensured.Add(directory);
    }

    public async Task<long?> TryGetSizeAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await RunAsync(WebRequestMethods.Ftp.GetFileSize, path, null, "reading the size of " + path, cancellationToken);
            return response.ContentLength;
        }
        catch (RelayTransportException e) when (e.InnerException is WebException { Response: FtpWebResponse { StatusCode: FtpStatusCode.ActionNotTakenFileUnavailable } })
        {
            return null;
        }
    }

    public async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var request = Create(WebRequestMethods.Ftp.DownloadFile, path);
        try
        {
            using var response = (FtpWebResponse)await request.GetResponseAsync().WaitAsync(timeout, cancellationToken);
            using var content = new MemoryStream();
            await response.GetResponseStream().CopyToAsync(content, cancellationToken).WaitAsync(timeout, cancellationToken);
            return content.ToArray();
        }
        catch (Exception e) when (e is WebException or IOException or SocketException or TimeoutException or System.Security.Authentication.AuthenticationException)
        {
            request.Abort();
            throw Translate("reading " + path, e);
        }
    }

    public async Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        using var response = await RunAsync(WebRequestMethods.Ftp.UploadFile, path, request => request.ContentLength = content.Length, "writing " + path, cancellationToken, content);
    }

    public async Task RenameAsync(string from, string to, CancellationToken cancellationToken)
    {
        // RNTO takes a path relative to the folder of RNFR's file: both live in the same folder here.
        using var response = await RunAsync(WebRequestMethods.Ftp.Rename, from, request => request.RenameTo = to[(to.LastIndexOf('/') + 1)..], "renaming " + from, cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<FtpWebResponse> RunAsync(string method, string path, Action<FtpWebRequest>? configure, string what, CancellationToken cancellationToken, byte[]? upload = null)
    {
        var request = Create(method, path);
        configure?.Invoke(request);
        try
        {
            if (upload is not null)
            {
                using var stream = await request.GetRequestStreamAsync().WaitAsync(timeout, cancellationToken);
                await stream.WriteAsync(upload, cancellationToken).AsTask().WaitAsync(timeout, cancellationToken);
            }

            return (FtpWebResponse)await request.GetResponseAsync().WaitAsync(timeout, cancellationToken);
        }
        catch (Exception e) when (e is WebException or IOException or SocketException or TimeoutException or System.Security.Authentication.AuthenticationException)
        {
            request.Abort();
            throw Translate(what, e);
        }
    }

    private FtpWebRequest Create(string method, string path)
    {
        // A path from the server's root starts with %2F; any other is relative to the account's folder.
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").Select(Uri.EscapeDataString);
        var uri = new Uri($"ftp://{options.Host}:{options.EffectivePort}/{(path.StartsWith('/') ? "%2F" : "")}{string.Join('/', parts)}");
        var request = (FtpWebRequest)WebRequest.Create(uri);
        request.Method = method;
        request.Credentials = _credential;
        request.UsePassive = true;
        request.UseBinary = true;
        request.KeepAlive = true;
        request.EnableSsl = options.Protocol == RelayProtocol.Ftps;
        request.ConnectionGroupName = _groupName;
        request.Timeout = (int)timeout.TotalMilliseconds;
        request.ReadWriteTimeout = (int)timeout.TotalMilliseconds;
        return request;
    }

    private RelayTransportException Translate(string what, Exception e)
    {
        // A connection that failed before the server said anything comes with a response of status 0.
        var status = (e as WebException)?.Response is FtpWebResponse { StatusCode: not FtpStatusCode.Undefined } response ? response.StatusCode : (FtpStatusCode?)null;
        var failure = status switch
        {
            FtpStatusCode.NotLoggedIn or FtpStatusCode.AccountNeeded or FtpStatusCode.NeedLoginAccount => RelayFailure.Credentials,
            FtpStatusCode.ActionNotTakenInsufficientSpace or FtpStatusCode.ActionAbortedUnknownPageType or FtpStatusCode.FileActionAborted => RelayFailure.Full,
            FtpStatusCode.ActionNotTakenFileUnavailable or FtpStatusCode.ActionNotTakenFilenameNotAllowed or FtpStatusCode.ActionNotTakenFileUnavailableOrBusy => RelayFailure.Permission,
            null when e is WebException { Status: WebExceptionStatus.TrustFailure or WebExceptionStatus.SecureChannelFailure } || e.GetBaseException() is System.Security.Authentication.AuthenticationException => RelayFailure.Credentials,
            null or FtpStatusCode.ServiceNotAvailable or FtpStatusCode.ServiceTemporarilyNotAvailable or FtpStatusCode.CantOpenData or FtpStatusCode.ConnectionClosed => RelayFailure.Unreachable,
            _ => RelayFailure.Protocol,
        };
        var answer = status is not null && (e as WebException)?.Response is FtpWebResponse r ? $"{r.StatusDescription?.Trim()}" : e.Message;
        return new RelayTransportException(failure, $"{options.Name}: {what} failed: {answer}", e);
    }

    private static bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        return certificate is not null && !Pins.IsEmpty && Pins.ContainsKey(Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())));
    }
}
#pragma warning restore SYSLIB0014
