using System.Collections.Frozen;
using System.Text;
using System.Text.Json;

namespace EnvMonitoring.Protocol.Catalog;

/// <summary>
/// The parameters the platform knows, loaded from data (<c>parameters.json</c>), so that extending
/// the catalog is a data change, not a code change. Lookups by UTF-8 bytes do not allocate.
/// </summary>
public sealed class ParameterCatalog
{
    /// <summary>Longest parameter code; codes are <c>[A-Za-z][A-Za-z0-9]*</c> so they are safe as storage field names.</summary>
    public const int MaxCodeLength = 32;

    private static readonly Lazy<ParameterCatalog> DefaultCatalog = new(LoadEmbedded);

    private readonly FrozenDictionary<string, Parameter> _byCode;
    private readonly FrozenDictionary<string, Parameter>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    private ParameterCatalog(IReadOnlyList<Parameter> parameters)
    {
        Parameters = parameters;
        _byCode = parameters.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);
        _byChars = _byCode.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The catalog shipped with this release (ARCHITECTURE.md §3).</summary>
    public static ParameterCatalog Default => DefaultCatalog.Value;

    public IReadOnlyList<Parameter> Parameters { get; }

    public int Count => Parameters.Count;

    public Parameter this[string code] =>
        TryGet(code, out var parameter) ? parameter : throw new KeyNotFoundException($"'{code}' is not in the parameter catalog.");

    public bool TryGet(ReadOnlySpan<char> code, [NotNullWhen(true)] out Parameter? parameter) =>
        _byChars.TryGetValue(code, out parameter);

    public bool TryGet(ReadOnlySpan<byte> utf8Code, [NotNullWhen(true)] out Parameter? parameter)
    {
        parameter = null;
        if (utf8Code.Length > MaxCodeLength)
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxCodeLength];
        return Encoding.UTF8.TryGetChars(utf8Code, chars, out var written) && _byChars.TryGetValue(chars[..written], out parameter);
    }

    /// <summary>Loads a catalog file; throws <see cref="CatalogException"/> naming the first problem.</summary>
    public static ParameterCatalog Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        CatalogFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, CatalogJsonContext.Default.CatalogFile);
        }
        catch (JsonException e)
        {
            throw new CatalogException($"The parameter catalog is not valid JSON: {e.Message}", e);
        }

        if (file?.Parameters is not { Count: > 0 } entries)
        {
            throw new CatalogException("The parameter catalog lists no parameters.");
        }

        var parameters = new List<Parameter>(entries.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var code = entry.Code ?? "";
            if (!IsValidCode(code))
            {
                throw new CatalogException($"Parameter code '{code}' must be 1-{MaxCodeLength} characters of A-Z a-z 0-9, starting with a letter.");
            }

            if (code == ReservedCodes.Seq || !seen.Add(code))
            {
                throw new CatalogException($"Parameter code '{code}' is reserved or listed twice.");
            }

            // Enum.TryParse alone also takes "7" and "water, air"; only a medium's name is a medium.
            if (!Enum.TryParse<Medium>(entry.Medium, ignoreCase: true, out var medium) ||
                !Enum.GetNames<Medium>().Contains(entry.Medium, StringComparer.OrdinalIgnoreCase))
            {
                throw new CatalogException($"Parameter '{code}': medium '{entry.Medium}' must be 'water' or 'air'.");
            }

            if (!(entry.AcceptedMin < entry.AcceptedMax) || !double.IsFinite(entry.AcceptedMin) || !double.IsFinite(entry.AcceptedMax))
            {
                throw new CatalogException($"Parameter '{code}': acceptedMin must be below acceptedMax.");
            }

            parameters.Add(new Parameter(parameters.Count, code, entry.Name ?? code, entry.Unit ?? "-", medium, entry.AcceptedMin, entry.AcceptedMax));
        }

        return new ParameterCatalog(parameters);
    }

    private static bool IsValidCode(string code) =>
        code.Length is > 0 and <= MaxCodeLength && char.IsAsciiLetter(code[0]) && code.All(char.IsAsciiLetterOrDigit);

    private static ParameterCatalog LoadEmbedded()
    {
        using var stream = typeof(ParameterCatalog).Assembly.GetManifestResourceStream("EnvMonitoring.Protocol.parameters.json")
            ?? throw new CatalogException("The embedded parameter catalog is missing from the build.");
        return Load(stream);
    }

    internal static class ReservedCodes
    {
        public const string Seq = "seq";
    }
}
