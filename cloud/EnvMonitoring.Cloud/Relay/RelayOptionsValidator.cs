using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Circular10;
using EnvMonitoring.Protocol.Identifiers;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Relay;

/// <summary>
/// Checks the whole <c>Relay</c> section at start-up, naming each problem by its configuration key:
/// a destination that cannot be served stops the host instead of silently missing its reports.
/// </summary>
internal sealed class RelayOptionsValidator : IValidateOptions<RelayOptions>
{
    private static readonly string[] LayoutTokens = ["{station}", "{yyyy}", "{MM}", "{dd}"];

    public ValidateOptionsResult Validate(string? name, RelayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Positive(options.FirstRetryDelay, "FirstRetryDelay", problems);
        Positive(options.MaxRetryDelay, "MaxRetryDelay", problems);
        Positive(options.AttemptTimeout, "AttemptTimeout", problems);
        Positive(options.BehindAlert, "BehindAlert", problems);
        Positive(options.CorrectionWindow, "CorrectionWindow", problems);
        if (string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            problems.Add($"{RelayOptions.Section}:StateDirectory must name a folder.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Destinations.Count; i++)
        {
            Check(options.Destinations[i], $"{RelayOptions.Section}:Destinations:{i}", names, problems);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Check(RelayDestinationOptions d, string key, HashSet<string> names, List<string> problems)
    {
        if (!Identifier.IsValid(d.Name))
        {
            problems.Add($"{key}:Name '{d.Name}' must be an identifier (letters, digits, _ . -; up to 64).");
        }
        else if (!names.Add(d.Name))
        {
            problems.Add($"{key}:Name '{d.Name}' names two destinations.");
        }

        if (!Enum.IsDefined(d.Protocol))
        {
            problems.Add($"{key}:Protocol must be Sftp, Ftps or Ftp.");
        }

        if (string.IsNullOrWhiteSpace(d.Host) || Uri.CheckHostName(d.Host) == UriHostNameType.Unknown)
        {
            problems.Add($"{key}:Host '{d.Host}' is not a host name or address.");
        }

        if (d.Port is < 0 or > 65535)
        {
            problems.Add($"{key}:Port must be 0 (the protocol's own) or 1-65535.");
        }

        if (string.IsNullOrWhiteSpace(d.User))
        {
            problems.Add($"{key}:User is required (for an anonymous FTP drop: anonymous).");
        }

        switch (d.Protocol)
        {
            case RelayProtocol.Sftp:
                if (string.IsNullOrEmpty(d.Password) && string.IsNullOrEmpty(d.PrivateKeyPath))
                {
                    problems.Add($"{key}: SFTP needs Password or PrivateKeyPath (set secrets with an environment variable or user secrets).");
                }

                if (d.PrivateKeyPath is { Length: > 0 } path && !File.Exists(path))
                {
                    problems.Add($"{key}:PrivateKeyPath '{path}' does not exist.");
                }

                if (d.HostKeySha256 is not { Length: > 0 } hostKey || !hostKey.StartsWith("SHA256:", StringComparison.Ordinal))
                {
                    problems.Add($"{key}:HostKeySha256 is required for SFTP, as `ssh-keygen -lf` prints it (SHA256:…), so that only that server receives the files.");
                }

                break;
            case RelayProtocol.Ftp when !d.AllowPlainFtp:
                problems.Add($"{key}: plain FTP sends the password and the data in clear text; use Ftps or Sftp, or set AllowPlainFtp to true.");
                break;
            default:
                break;
        }

        if (d.CertificateSha256 is { } pin && (pin.Length != 64 || !pin.All(char.IsAsciiHexDigit)))
        {
            problems.Add($"{key}:CertificateSha256 must be 64 hex digits (the SHA-256 of the server's certificate).");
        }

        if (string.IsNullOrWhiteSpace(d.RemoteDirectory) || d.RemoteDirectory.Contains("..", StringComparison.Ordinal))
        {
            problems.Add($"{key}:RemoteDirectory must name a folder (without '..').");
        }

        var rest = d.Layout;
        foreach (var token in LayoutTokens)
        {
            rest = rest.Replace(token, "", StringComparison.Ordinal);
        }

        if (rest.Contains('{', StringComparison.Ordinal) || rest.Contains('}', StringComparison.Ordinal) || rest.Contains("..", StringComparison.Ordinal))
        {
            problems.Add($"{key}:Layout '{d.Layout}' may use only {string.Join(", ", LayoutTokens)} (and no '..').");
        }

        if (d.Interval < TimeSpan.FromMinutes(1) || d.Interval > TimeSpan.FromDays(1) || TimeSpan.FromDays(1).Ticks % d.Interval.Ticks != 0 || d.Interval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            problems.Add($"{key}:Interval {d.Interval} must be whole seconds from 1 minute to 1 day that divide a day (e.g. 00:05:00).");
        }

        if (d.Settle < TimeSpan.Zero || d.Settle > TimeSpan.FromDays(1))
        {
            problems.Add($"{key}:Settle must be from 0 to 1 day.");
        }

        CheckStations(d, key, problems);
        foreach (var (code, receiverName) in d.Parameters)
        {
            if (!ParameterCatalog.Default.TryGet(code, out _))
            {
                problems.Add($"{key}:Parameters:{code} is not a catalog code (codes are case-sensitive).");
            }

            if (string.IsNullOrWhiteSpace(receiverName) || receiverName.Any(char.IsWhiteSpace))
            {
                problems.Add($"{key}:Parameters:{code} must name the parameter in one word.");
            }
        }
    }

    private static void CheckStations(RelayDestinationOptions d, string key, List<string> problems)
    {
        if (d.Stations.Count == 0)
        {
            problems.Add($"{key}:Stations must list the stations it receives.");
        }

        var stations = new HashSet<string>(StringComparer.Ordinal);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < d.Stations.Count; s++)
        {
            var station = d.Stations[s];
            if (!Identifier.IsValid(station.Station) || !stations.Add(station.Station))
            {
                problems.Add($"{key}:Stations:{s}:Station '{station.Station}' must be a station identifier, listed once.");
            }

            if (!Circular10FileName.IsStationCode(station.Code) || !codes.Add(station.Code))
            {
                problems.Add($"{key}:Stations:{s}:Code '{station.Code}' must be <Province>_<Facility>_<Station> of letters and digits, listed once.");
            }
        }
    }

    private static void Positive(TimeSpan value, string key, List<string> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{RelayOptions.Section}:{key} must be positive.");
        }
    }
}
