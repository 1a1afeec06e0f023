using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Edge.Intake;

/// <summary>
/// The Circular-10 drop folder (section <c>Gateway:Intake</c>), where the stations' FTP server writes
/// their files; docs/edge-intake.md explains operating it. Relative paths are under the content root.
/// </summary>
public sealed class FileIntakeOptions
{
    public const string Section = "Gateway:Intake";

    /// <summary>The folder watched for <c>*.txt</c> files; intake is off when empty.</summary>
    public string DropDirectory { get; set; } = "";

    /// <summary>Where ingested files go, as <c>yyyy/MM/dd/&lt;name&gt;</c>; default <c>&lt;drop&gt;/archive</c>.</summary>
    public string? ArchiveDirectory { get; set; }

    /// <summary>Where refused files go, each with <c>&lt;name&gt;.reason.txt</c>; default <c>&lt;drop&gt;/rejected</c>.</summary>
    public string? RejectedDirectory { get; set; }

    /// <summary>
    /// How long a file's size and modification time must stay unchanged before it is read:
    /// FTP servers write a file progressively under its final name.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the folder is listed; a file-system watcher also wakes the intake early.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest file read; a station's 5-minute file is a few hundred bytes.</summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>One entry per station whose files arrive here.</summary>
    public List<StationMappingOptions> Stations { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(DropDirectory);
}
