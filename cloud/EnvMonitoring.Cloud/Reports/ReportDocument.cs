namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// The printed report as a sequence of blocks, with every text already in its language and format
/// (<see cref="ReportTexts"/>): the one model the HTML page (<see cref="ReportHtml"/>) and the PDF
/// (<see cref="ReportPdf"/>) both lay out, so they say the same things.
/// </summary>
internal sealed record ReportDocument(ReportTexts Texts, string Title, string Sha256, IReadOnlyList<ReportBlock> Blocks);

/// <summary>One block of a <see cref="ReportDocument"/>.</summary>
internal abstract record ReportBlock;

/// <summary>A centred line of the letterhead; <see cref="Strong"/> for the title lines.</summary>
internal sealed record ReportCentered(string Text, bool Strong) : ReportBlock;

/// <summary>A section (level 1) or sub-section (level 2) title.</summary>
internal sealed record ReportHeading(string Text, int Level) : ReportBlock;

internal sealed record ReportParagraph(string Text, bool Muted = false) : ReportBlock;

/// <summary>Label and value pairs, one a line.</summary>
internal sealed record ReportFacts(IReadOnlyList<ReportFact> Rows) : ReportBlock;

internal sealed record ReportFact(string Label, string Value, bool Bad = false);

/// <summary>A table; <see cref="Widths"/> are relative column widths; a bad row is printed in red.</summary>
internal sealed record ReportTable(IReadOnlyList<string> Headers, IReadOnlyList<double> Widths, IReadOnlyList<ReportRow> Rows) : ReportBlock;

internal sealed record ReportRow(IReadOnlyList<string> Cells, bool Bad = false);

/// <summary>A line of judged means with the limit drawn across; axis labels already formatted.</summary>
internal sealed record ReportChart(string Title, string Legend, IReadOnlyList<ReportChartPoint> Points, IReadOnlyList<(double Value, string Label)> Limits) : ReportBlock;

internal sealed record ReportChartPoint(string Label, double? Value, ReportPointState State);

internal enum ReportPointState
{
    Within,
    Beyond,
    NotCounted,
}

/// <summary>The place and date line, then the two signatures: who prepared the report and the head of the organisation.</summary>
internal sealed record ReportSignature(string PlaceAndDate, string Author, string AuthorNote, string AuthorName, string Head, string HeadNote) : ReportBlock;
