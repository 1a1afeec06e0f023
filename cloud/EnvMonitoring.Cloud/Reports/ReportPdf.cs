using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// A <see cref="ReportDocument"/> as an A4 PDF (PDFsharp), laid out block by block like the HTML
/// page: wrapped text, tables that continue on the next page under their header again, the charts
/// drawn as vectors, page numbers and the data's SHA-256 in every footer. The font is a TrueType
/// file carrying Vietnamese (<see cref="ReportFonts"/>), embedded with Unicode encoding so the text
/// can be searched and copied.
/// </summary>
internal sealed class ReportPdf : IDisposable
{
    private const double Margin = 50;
    private const double FooterHeight = 24;
    private static readonly XColor Red = XColor.FromArgb(0xC0, 0, 0);
    private static readonly XColor Blue = XColor.FromArgb(0x2F, 0x62, 0xB0);
    private static readonly XColor Grey = XColor.FromArgb(0x9A, 0x9A, 0x9A);

    private readonly PdfDocument _pdf = new();
    private readonly ReportDocument _document;
    private readonly XFont _body;
    private readonly XFont _small;
    private readonly XFont _bold;
    private readonly XFont _h1;
    private readonly XFont _h2;
    private XGraphics? _page;
    private double _y;

    private ReportPdf(ReportDocument document, string family)
    {
        _document = document;
        var unicode = new XPdfFontOptions(PdfFontEncoding.Unicode);
        _body = new XFont(family, 9, XFontStyleEx.Regular, unicode);
        _small = new XFont(family, 7.5, XFontStyleEx.Regular, unicode);
        _bold = new XFont(family, 9, XFontStyleEx.Bold, unicode);
        _h1 = new XFont(family, 11.5, XFontStyleEx.Bold, unicode);
        _h2 = new XFont(family, 10, XFontStyleEx.Bold, unicode);
        _pdf.Info.Title = document.Title;
        _pdf.Info.Subject = document.Sha256;
    }

    private double PageWidth => 595;

    private double PageHeight => 842;

    private double ContentWidth => PageWidth - (2 * Margin);

    private double Limit => PageHeight - Margin - FooterHeight;

    private XGraphics Page => _page ?? throw new InvalidOperationException("no page");

    /// <summary>The PDF's bytes; throws <see cref="ReportFontException"/> when the font file is missing.</summary>
    public static byte[] Render(ReportDocument document, ReportOptions options)
    {
        using var pdf = new ReportPdf(document, ReportFonts.Family(options));
        return pdf.Write();
    }

    public void Dispose()
    {
        _page?.Dispose();
        _pdf.Dispose();
    }

    private byte[] Write()
    {
        NewPage();
        foreach (var block in _document.Blocks)
        {
            switch (block)
            {
                case ReportCentered c:
                    Text(c.Text, c.Strong ? _h1 : _body, XStringFormats.TopCenter, XColors.Black, 0, ContentWidth);
                    _y += 2;
                    break;
                case ReportHeading h:
                    Need(h.Level == 1 ? 60 : 48);
                    _y += h.Level == 1 ? 10 : 6;
                    Text(h.Text, h.Level == 1 ? _h1 : _h2, XStringFormats.TopLeft, XColors.Black, 0, ContentWidth);
                    if (h.Level == 1)
                    {
                        Page.DrawLine(new XPen(XColors.Gray, 0.6), Margin, _y, Margin + ContentWidth, _y);
                    }

                    _y += 4;
                    break;
                case ReportParagraph p:
                    Text(p.Text, _body, XStringFormats.TopLeft, p.Muted ? XColors.DimGray : XColors.Black, 0, ContentWidth);
                    _y += 3;
                    break;
                case ReportFacts f:
                    Table(null, [0.45, 0.55], f.Rows.Select(r => new ReportRow([r.Label, r.Value], r.Bad)).ToList(), boldFirst: true);
                    break;
                case ReportTable t:
                    Table(t.Headers, t.Widths, t.Rows, boldFirst: false);
                    break;
                case ReportChart chart:
                    Chart(chart);
                    break;
                case ReportSignature s:
                    Signature(s);
                    break;
                default:
                    throw new InvalidOperationException($"No PDF layout for {block.GetType().Name}.");
            }
        }

        _page?.Dispose();
        _page = null;
        Footers();
        using var stream = new MemoryStream();
        _pdf.Save(stream, false);
        return stream.ToArray();
    }

    private void NewPage()
    {
        _page?.Dispose();
        var page = _pdf.AddPage();
        page.Size = PageSize.A4;
        _page = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    private void Need(double height)
    {
        if (_y + height > Limit)
        {
            NewPage();
        }
    }

    private void Text(string text, XFont font, XStringFormat format, XColor colour, double x, double width)
    {
        var brush = new XSolidBrush(colour);
        foreach (var line in Wrap(text, font, width))
        {
            var height = font.GetHeight() * 1.15;
            Need(height);
            var left = format.Alignment == XStringAlignment.Center ? Margin + x + (width / 2) : Margin + x;
            Page.DrawString(line, font, brush, new XPoint(left, _y), format);
            _y += height;
        }
    }

    /// <summary>Breaks text into lines no wider than <paramref name="width"/>: at spaces, and inside a word longer than a line.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Page.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (line.Length > 1 && Page.MeasureString(line, font).Width > width)
                {
                    var fit = line.Length - 1;
                    while (fit > 1 && Page.MeasureString(line[..fit], font).Width > width)
                    {
                        fit--;
                    }

                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private void Table(IReadOnlyList<string>? headers, IReadOnlyList<double> widths, IReadOnlyList<ReportRow> rows, bool boldFirst)
    {
        var total = widths.Sum();
        var columns = widths.Select(w => ContentWidth * w / total).ToArray();
        const double pad = 2.5;
        var lineHeight = _body.GetHeight() * 1.12;

        double RowHeight(IReadOnlyList<string> cells, XFont font) =>
            (cells.Select((c, i) => Wrap(c, font, columns[i] - (2 * pad)).Count).Max() * lineHeight) + (2 * pad);

        void Row(IReadOnlyList<string> cells, bool header, bool bad)
        {
            var height = RowHeight(cells, header ? _bold : _body);
            if (_y + height > Limit)
            {
                NewPage();
                if (headers is not null && !header)
                {
                    Row(headers, true, false);
                }
            }

            var x = Margin;
            var pen = new XPen(XColors.Gray, 0.4);
            for (var i = 0; i < cells.Count; i++)
            {
                if (header || (boldFirst && i == 0))
                {
                    Page.DrawRectangle(new XSolidBrush(header ? XColor.FromArgb(0xEE, 0xEE, 0xEE) : XColor.FromArgb(0xF6, 0xF6, 0xF6)), x, _y, columns[i], height);
                }

                Page.DrawRectangle(pen, x, _y, columns[i], height);
                var font = header || (boldFirst && i == 0) ? _bold : _body;
                var brush = new XSolidBrush(bad ? Red : XColors.Black);
                var y = _y + pad;
                foreach (var line in Wrap(cells[i], font, columns[i] - (2 * pad)))
                {
                    Page.DrawString(line, font, brush, new XPoint(x + pad, y), XStringFormats.TopLeft);
                    y += lineHeight;
                }

                x += columns[i];
            }

            _y += height;
        }

        if (headers is not null)
        {
            Need(RowHeight(headers, _bold) + lineHeight + (2 * pad));
            Row(headers, true, false);
        }

        foreach (var row in rows)
        {
            Row(row.Cells, false, row.Bad);
        }

        _y += 6;
    }

    private void Chart(ReportChart chart)
    {
        const double height = 170;
        Need(height + 24);
        var g = new ChartGeometry(chart, ContentWidth, height);
        var gfx = Page;
        var state = gfx.Save();
        gfx.TranslateTransform(Margin, _y);
        gfx.DrawString(chart.Title, _bold, XBrushes.Black, new XPoint(ChartGeometry.Left, ChartGeometry.Top - 2), XStringFormats.BottomLeft);
        var gridPen = new XPen(XColor.FromArgb(0xDD, 0xDD, 0xDD), 0.5);
        foreach (var tick in g.Ticks())
        {
            gfx.DrawLine(gridPen, ChartGeometry.Left, g.Y(tick), g.Width - ChartGeometry.Right, g.Y(tick));
            gfx.DrawString(_document.Texts.Number(tick), _small, XBrushes.Black, new XPoint(ChartGeometry.Left - 4, g.Y(tick)), XStringFormats.CenterRight);
        }

        gfx.DrawLine(new XPen(XColors.DimGray, 0.8), ChartGeometry.Left, g.PlotBottom, g.Width - ChartGeometry.Right, g.PlotBottom);
        foreach (var i in g.LabelIndices)
        {
            gfx.DrawString(chart.Points[i].Label, _small, XBrushes.Black, new XPoint(g.X(i), g.PlotBottom + 4), XStringFormats.TopCenter);
        }

        var limitPen = new XPen(Red, 1.2) { DashStyle = XDashStyle.Dash };
        foreach (var (value, label) in chart.Limits)
        {
            gfx.DrawLine(limitPen, ChartGeometry.Left, g.Y(value), g.Width - ChartGeometry.Right, g.Y(value));
            gfx.DrawString(label, _small, new XSolidBrush(Red), new XPoint(ChartGeometry.Left + 4, g.Y(value) - 2), XStringFormats.BottomLeft);
        }

        var points = chart.Points.Select((p, i) => (p, i)).Where(x => x.p.Value is not null).Select(x => new XPoint(g.X(x.i), g.Y(x.p.Value!.Value))).ToArray();
        if (points.Length > 1)
        {
            gfx.DrawLines(new XPen(Blue, 1.2), points);
        }

        for (var i = 0; i < chart.Points.Count; i++)
        {
            if (chart.Points[i].Value is { } value)
            {
                var colour = chart.Points[i].State switch { ReportPointState.Beyond => Red, ReportPointState.NotCounted => Grey, _ => Blue };
                gfx.DrawEllipse(new XSolidBrush(colour), g.X(i) - 2.6, g.Y(value) - 2.6, 5.2, 5.2);
                if (g.ShowValues)
                {
                    gfx.DrawString(_document.Texts.Number(value), _small, new XSolidBrush(colour), new XPoint(g.X(i), g.Y(value) - 4), XStringFormats.BottomCenter);
                }
            }
        }

        gfx.Restore(state);
        _y += height + 2;
        Text(chart.Legend, _small, XStringFormats.TopLeft, XColors.DimGray, 0, ContentWidth);
        _y += 4;
    }

    private void Signature(ReportSignature s)
    {
        Need(150);
        _y += 10;
        Text(s.PlaceAndDate, _body, XStringFormats.TopCenter, XColors.Black, ContentWidth / 2, ContentWidth / 2);
        _y += 6;
        var top = _y;
        var half = ContentWidth / 2;
        Text(s.Author, _bold, XStringFormats.TopCenter, XColors.Black, 0, half);
        Text(s.AuthorNote, _body, XStringFormats.TopCenter, XColors.DimGray, 0, half);
        _y += 60;
        Text(s.AuthorName, _body, XStringFormats.TopCenter, XColors.Black, 0, half);
        _y = top;
        Text(s.Head, _bold, XStringFormats.TopCenter, XColors.Black, half, half);
        Text(s.HeadNote, _body, XStringFormats.TopCenter, XColors.DimGray, half, half);
        _y += 80;
    }

    private void Footers()
    {
        var count = _pdf.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_pdf.Pages[i], XGraphicsPdfPageOptions.Append);
            var y = PageHeight - Margin + 6;
            gfx.DrawLine(new XPen(XColors.LightGray, 0.5), Margin, y - 4, PageWidth - Margin, y - 4);
            gfx.DrawString("SHA-256: " + _document.Sha256, _small, XBrushes.DimGray, new XPoint(Margin, y), XStringFormats.TopLeft);
            gfx.DrawString(_document.Texts.Format("page", i + 1, count), _small, XBrushes.DimGray, new XPoint(PageWidth - Margin, y), XStringFormats.TopRight);
        }
    }
}
