namespace EnvMonitoring.Cloud.Reports;

/// <summary>The PDF report's font file is missing: the message says which setting and how to install it.</summary>
public sealed class ReportFontException(string message) : Exception(message);
