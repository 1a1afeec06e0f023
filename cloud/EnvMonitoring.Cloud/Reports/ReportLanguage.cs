namespace EnvMonitoring.Cloud.Reports;

/// <summary>The language of the printed report (<c>lang=vi</c>, the default, or <c>lang=en</c>).</summary>
internal enum ReportLanguage
{
    Vi,
    En,
}
