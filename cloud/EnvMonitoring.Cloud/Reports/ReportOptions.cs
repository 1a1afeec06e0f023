using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// <c>Reports:*</c>: the TrueType fonts of the PDF report (they must carry Vietnamese letters:
/// Debian's <c>fonts-dejavu-core</c> by default) and the place written above the signatures.
/// </summary>
internal sealed class ReportOptions
{
    public const string Section = "Reports";

    [Required]
    public string Font { get; set; } = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    [Required]
    public string BoldFont { get; set; } = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /// <summary>"Thái Nguyên, ngày … tháng … năm …".</summary>
    [Required]
    public string Place { get; set; } = "Thái Nguyên";
}
