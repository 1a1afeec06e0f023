using System.Text.Json.Serialization;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Annotations;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// A station's compliance over a period of whole local days (docs/inspectors.md lists every field).
/// Times are RFC 3339 with +07:00; severities are the lower-case strings of docs/live.md.
/// </summary>
public sealed record ComplianceReport(
    string Station,
    string Park,
    string Name,
    string Medium,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    int ExpectedIntervalSeconds,
    double MinimumCompleteness,
    string Basis,
    string SeverityScale,
    IReadOnlyList<ParameterReport> Parameters,
    IReadOnlyList<AlertEventView>? Alerts,
    string? AlertsNote,
    IReadOnlyList<string> Queries)
{
    /// <summary>The park's display name ("Khu công nghiệp Yên Bình"); its id when none is configured.</summary>
    public string? ParkName { get; init; }

    /// <summary>The facility that discharges at the station, as its permit names it; null when not configured.</summary>
    public string? Facility { get; init; }

    /// <summary>The facility's environmental permit ("Giấy phép môi trường số …"); null when not configured.</summary>
    public string? Permit { get; init; }

    /// <summary>
    /// Every annotation of the station that touches the period, in any state (docs/annotations.md);
    /// left out when there is none, so a report without annotations reads as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AnnotationView>? Annotations { get; init; }

    /// <summary>Each local day of the period up to the day it was made, checked against its seals then: the seals the figures were computed from.</summary>
    public IReadOnlyList<ReportIntegrity> Integrity { get; init; } = [];
}

/// <summary>One parameter of a <see cref="ComplianceReport"/>.</summary>
public sealed record ParameterReport(
    string Parameter,
    string Name,
    string Unit,
    ReportLimit? Limit,
    long Expected,
    long Valid,
    double Completeness,
    ReportExclusions Excluded,
    int Windows,
    int CountedWindows,
    IReadOnlyDictionary<string, int> Exceedances,
    int ExceedanceCount,
    ReportWorstWindow? MaxMultiple,
    ReportPeak? PeakReading,
    IReadOnlyList<ReportWindow> Means,
    IReadOnlyList<ReportGap> Gaps)
{
    /// <summary>Runs of whole hours holding calibration records (status 1), with how many.</summary>
    public IReadOnlyList<ReportCalibration> Calibrations { get; init; } = [];

    /// <summary>
    /// The same figures with approved annotations applied (their <see cref="Annotated"/> is null);
    /// null, and left out, when no approved annotation touches the parameter in the period.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ParameterReport? Annotated { get; init; }
}

public sealed record ReportLimit(double? Min, double? Max, string Source, string Basis, bool ToVerify)
{
    /// <summary>The regulation's id for a regulation limit (<c>QCVN 40:2011/BTNMT</c>); null for a permit's.</summary>
    public string? Regulation { get; init; }

    /// <summary>The regulation's column; null for a permit's limit.</summary>
    public string? Column { get; init; }

    /// <summary>The coefficients applied, with what determined each.</summary>
    public IReadOnlyList<ReportFactor> Factors { get; init; } = [];

    /// <summary>The permit that sets the limit; null for a regulation's.</summary>
    public string? Permit { get; init; }
}

/// <summary>A coefficient as applied: <c>Kf</c> 1.0 from <c>dischargeM3PerDay</c> 1200; no input when the authority declared it for the station.</summary>
public sealed record ReportFactor(string Name, double Value, string? Input, double? Quantity, string? Choice);

/// <summary>Whole hours [From, To) holding <see cref="Records"/> calibration records.</summary>
public sealed record ReportCalibration(DateTimeOffset From, DateTimeOffset To, long Records);

/// <summary>Readings stored but not counted: calibrating (status 1), device fault (status 2), invalid (implausible value or unknown status).</summary>
public sealed record ReportExclusions(long Calibrating, long Fault, long Invalid, long Total)
{
    /// <summary>Excluded by approved annotations: annotated figures only, left out when none (and always from original figures).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Annotated { get; init; }
}

/// <summary>
/// Where a value stands against its limit in a report: the bound it breaks (within the limit: the
/// nearest), that bound's value and, for a range limit (pH), the band of the value — a range has
/// no multiple.
/// </summary>
public abstract record ReportJudged
{
    /// <summary><c>lower</c> or <c>upper</c>; null without a limit.</summary>
    public string? Bound { get; init; }

    public double? Limit { get; init; }

    /// <summary>Decree 45/2022's pH band of the value (1 the nearest), outside a range only.</summary>
    public int? Band { get; init; }
}

/// <summary>A judged mean (local day or hour): counted only with enough valid records; multiple (one-sided limits) and severity against the limit.</summary>
public sealed record ReportWindow(
    DateTimeOffset Start, DateTimeOffset End, double? Mean, double? Min, double? Max, long Valid, double Completeness,
    bool Counted, double? Multiple, string Severity) : ReportJudged;

/// <summary>The counted window furthest beyond the limit: the highest multiple, or for a range the highest band, then the furthest out.</summary>
public sealed record ReportWorstWindow(DateTimeOffset Start, DateTimeOffset End, double Mean, double? Multiple, string Severity) : ReportJudged;

/// <summary>The single valid reading furthest beyond the limit; <see cref="Exact"/> false when only its hour is known (raw data expired).</summary>
public sealed record ReportPeak(DateTimeOffset At, bool Exact, double Value, double? Multiple, string Severity) : ReportJudged;

/// <summary>Whole hours without any stored reading of the parameter.</summary>
public sealed record ReportGap(DateTimeOffset From, DateTimeOffset To, double Hours);
