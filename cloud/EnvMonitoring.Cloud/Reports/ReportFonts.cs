using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// PDFsharp's font resolver for the report: a family is named by its regular TTF's path, its bold
/// face is the file registered with it, and the bytes are read from disk once. PDFsharp takes one
/// resolver per process, installed before its first font; several hosts in one process (tests) can
/// still use different files, since the path is the name.
/// </summary>
internal sealed class ReportFonts : IFontResolver
{
    private static readonly ReportFonts Instance = new();
    private static readonly Lock Gate = new();
    private static bool _installed;
    private readonly ConcurrentDictionary<string, string> _bold = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _bytes = new(StringComparer.Ordinal);

    /// <summary>The family name to give <c>XFont</c> for these files; throws <see cref="ReportFontException"/> when one is missing.</summary>
    public static string Family(ReportOptions options)
    {
        foreach (var (path, key) in new[] { (options.Font, "Reports:Font"), (options.BoldFont, "Reports:BoldFont") })
        {
            if (!File.Exists(path))
            {
                throw new ReportFontException(
                    $"The PDF report needs a TrueType font with Vietnamese letters at {path} ({key}), and there is no such file. " +
                    "Install Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core) or set " + key + " to another .ttf file.");
            }
        }

        lock (Gate)
        {
            if (!_installed)
            {
                GlobalFontSettings.FontResolver = Instance;
                _installed = true;
            }
        }

        Instance._bold[options.Font] = options.BoldFont;
        return options.Font;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold && _bold.TryGetValue(familyName, out var boldFace) ? boldFace : familyName);

    public byte[]? GetFont(string faceName) => _bytes.GetOrAdd(faceName, File.ReadAllBytes);
}
