using System.Diagnostics;

namespace EnvMonitoring.Protocol.Circular10;

/// <summary>
/// The name of a Circular 10/2021 file: <c>&lt;Province&gt;_&lt;Facility&gt;_&lt;Station&gt;_&lt;yyyyMMddHHmmss&gt;.txt</c>,
/// e.g. <c>VL_CANG_NUOC01_20230506000500.txt</c>. Each code is letters and digits, so the underscores
/// separate exactly four parts. A station is known by its whole <see cref="StationCode"/>
/// (<c>TN_YBWWTP_NUOC01</c>): the station part alone (<c>NUOC01</c>, "water 01") repeats at every facility.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed record Circular10FileName
{
    public const string Extension = ".txt";

    /// <summary>Longest name accepted; longer ones are not a station's file.</summary>
    public const int MaxLength = 200;

    private static readonly string[] PartNames = ["province", "facility", "station"];

    public Circular10FileName(string province, string facility, string station, DateTimeOffset timestamp)
    {
        Province = RequireCode(province, nameof(province));
        Facility = RequireCode(facility, nameof(facility));
        Station = RequireCode(station, nameof(station));
        Timestamp = Circular10Time.ToLocalSecond(timestamp);
        if (!Circular10Time.TryParse(Circular10Time.ToText(Timestamp), out _))
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, "A Circular 10 file's time must lie between 2000 and 2099.");
        }
    }

    public string Province { get; }

    public string Facility { get; }

    public string Station { get; }

    /// <summary>The transmission time the name carries, in local time (+07:00), to the second.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary><c>&lt;Province&gt;_&lt;Facility&gt;_&lt;Station&gt;</c>: what identifies the station across facilities.</summary>
    public string StationCode => $"{Province}_{Facility}_{Station}";

    /// <summary>A name for the station <paramref name="stationCode"/> (<c>TN_YBWWTP_NUOC01</c>) at <paramref name="timestamp"/>.</summary>
    public static Circular10FileName ForStation(string stationCode, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(stationCode);
        var parts = stationCode.Split('_');
        if (parts.Length != 3)
        {
            throw new ArgumentException($"'{stationCode}' is not a station code <Province>_<Facility>_<Station>.", nameof(stationCode));
        }

        return new Circular10FileName(parts[0], parts[1], parts[2], timestamp);
    }

    /// <summary>True when <paramref name="stationCode"/> has the form <c>&lt;Province&gt;_&lt;Facility&gt;_&lt;Station&gt;</c>.</summary>
    public static bool IsStationCode(string? stationCode) =>
        stationCode is not null && stationCode.Split('_') is { Length: 3 } parts && parts.All(p => IsCode(p));

    /// <summary>Reads a file name (without a directory); on failure <paramref name="reason"/> says what is wrong.</summary>
    public static bool TryParse(string? fileName, [NotNullWhen(true)] out Circular10FileName? name, [NotNullWhen(false)] out string? reason)
    {
        name = null;
        if (string.IsNullOrEmpty(fileName) || fileName.Length > MaxLength)
        {
            reason = $"a file name must have 1-{MaxLength} characters.";
            return false;
        }

        if (!fileName.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
        {
            reason = $"the name '{fileName}' does not end in {Extension}.";
            return false;
        }

        var parts = fileName[..^Extension.Length].Split('_');
        if (parts.Length != 4)
        {
            reason = $"the name '{fileName}' has {parts.Length} parts separated by '_'; expected 4: <Province>_<Facility>_<Station>_<yyyyMMddHHmmss>.txt.";
            return false;
        }

        for (var i = 0; i < 3; i++)
        {
            if (!IsCode(parts[i]))
            {
                reason = $"the {PartNames[i]} code '{parts[i]}' in '{fileName}' must be 1 or more letters and digits.";
                return false;
            }
        }

        if (!Circular10Time.TryParse(parts[3], out var timestamp))
        {
            reason = $"the time '{parts[3]}' in '{fileName}' is not a real local time yyyyMMddHHmmss between 2000 and 2099.";
            return false;
        }

        name = new Circular10FileName(parts[0], parts[1], parts[2], timestamp);
        reason = null;
        return true;
    }

    public override string ToString() => $"{StationCode}_{Circular10Time.ToText(Timestamp)}{Extension}";

    private static bool IsCode(ReadOnlySpan<char> code)
    {
        if (code.IsEmpty || code.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string RequireCode(string code, string paramName) =>
        IsCode(code) ? code : throw new ArgumentException($"'{code}' must be 1 or more letters and digits.", paramName);
}
