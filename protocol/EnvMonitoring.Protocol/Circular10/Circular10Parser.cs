using System.Globalization;
using System.Text;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Circular10;

/// <summary>
/// Reads the body of a Circular 10/2021 file (DOMAIN.md, docs/contract.md) into samples: one line per
/// parameter, <c>parameter value unit yyyyMMddHHmmss status</c>, separated by tabs or runs of spaces,
/// in local time (UTC+7). Lines are grouped into one <see cref="Sample"/> per timestamp. A file is all
/// or nothing: the first bad line refuses it, so a station's transmission is never half-stored.
/// </summary>
public static class Circular10Parser
{
    // Invalid bytes become U+FFFD instead of failing: a unit such as "°C" written in a Windows code
    // page must not refuse the file, while a parameter name spoiled that way still fails as unmapped.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static Circular10ParseResult Parse(ReadOnlySpan<byte> content, StationFileMapping mapping, ParameterCatalog catalog) =>
        Parse(Utf8.GetString(content), mapping, catalog);

    public static Circular10ParseResult Parse(string content, StationFileMapping mapping, ParameterCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(catalog);

        var byTime = new SortedDictionary<DateTimeOffset, Dictionary<Parameter, Entry>>();
        var lineNumber = 0;
        foreach (var text in content.AsSpan().TrimStart('\uFEFF').EnumerateLines())
        {
            lineNumber++;
            if (text.IsWhiteSpace())
            {
                continue;
            }

            var fields = text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (Circular10Line.NameOf(fields) is { } name && mapping.IsIgnored(name))
            {
                continue;
            }

            if (!Circular10Line.TryRead(fields, out var line, out var problem))
            {
                return Circular10ParseResult.Failed(Circular10FailureReason.MalformedLine, lineNumber, problem);
            }

            var failure = Read(line, lineNumber, mapping, catalog, out var parameter, out var entry);
            if (failure is not null)
            {
                return failure.Value;
            }

            if (!byTime.TryGetValue(entry.Timestamp, out var readings))
            {
                byTime.Add(entry.Timestamp, readings = []);
            }

            if (readings.TryGetValue(parameter!, out var earlier))
            {
                if (earlier.Reading != entry.Reading)
                {
                    return Circular10ParseResult.Failed(Circular10FailureReason.ConflictingDuplicate, lineNumber,
                        $"'{parameter}' at {line.Timestamp} was already given on line {earlier.LineNumber} as {Describe(earlier.Reading)}; " +
                        $"this line says {Describe(entry.Reading)}.");
                }

                continue;
            }

            readings.Add(parameter!, entry);
        }

        if (byTime.Count == 0)
        {
            return Circular10ParseResult.Failed(Circular10FailureReason.NoReadings, 0, "the file holds no reading.");
        }

        var samples = byTime
            .Select(pair => new Sample(
                mapping.Station,
                pair.Key,
                pair.Value.Values.Select(e => e.Reading).OrderBy(r => r.Parameter.Index).ToArray()))
            .ToArray();
        return Circular10ParseResult.Success(samples);
    }

    private static Circular10ParseResult? Read(
        Circular10Line line, int lineNumber, StationFileMapping mapping, ParameterCatalog catalog, out Parameter? parameter, out Entry entry)
    {
        entry = default;
        if (!mapping.TryResolve(line.Name, catalog, out parameter, out var parameterMapping))
        {
            return parameterMapping is null
                ? Circular10ParseResult.Failed(Circular10FailureReason.UnmappedParameter, lineNumber,
                    $"the parameter '{line.Name}' is neither mapped nor ignored for {mapping.FileStation}, and is not a catalog code.")
                : Circular10ParseResult.Failed(Circular10FailureReason.MappingError, lineNumber,
                    $"'{line.Name}' is mapped to '{parameterMapping.Code}', which is not in the parameter catalog.");
        }

        if (!Circular10Time.TryParse(line.Timestamp, out var timestamp))
        {
            return Circular10ParseResult.Failed(Circular10FailureReason.InvalidTimestamp, lineNumber,
                $"the timestamp '{line.Timestamp}' of '{line.Name}' is not a real local time yyyyMMddHHmmss between 2000 and 2099.");
        }

        if (!double.TryParse(line.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var raw) || !double.IsFinite(raw))
        {
            return Circular10ParseResult.Failed(Circular10FailureReason.InvalidValue, lineNumber,
                $"the value '{line.Value}' of '{line.Name}' is not a number (a decimal point, not a comma).");
        }

        if (!Circular10Status.TryParse(line.Status, out var status))
        {
            return Circular10ParseResult.Failed(Circular10FailureReason.InvalidStatus, lineNumber,
                $"the status '{line.Status}' of '{line.Name}' is not 00 (measuring), 01 (calibrating) or 02 (device error).");
        }

        if (parameterMapping?.Unit is { } expectedUnit && line.Unit is { } unit && !string.Equals(unit, expectedUnit, StringComparison.OrdinalIgnoreCase))
        {
            return Circular10ParseResult.Failed(Circular10FailureReason.UnitMismatch, lineNumber,
                $"'{line.Name}' is in '{unit}', but its mapping expects '{expectedUnit}'.");
        }

        var value = raw * (parameterMapping?.Factor ?? 1);
        if (!parameter.Accepts(value))
        {
            return Circular10ParseResult.Failed(Circular10FailureReason.OutOfRange, lineNumber,
                $"'{line.Name}' = {line.Value} is {value.ToString(CultureInfo.InvariantCulture)} {parameter.Unit} as {parameter.Code}, " +
                $"outside the accepted {parameter.AcceptedMin.ToString(CultureInfo.InvariantCulture)} … {parameter.AcceptedMax.ToString(CultureInfo.InvariantCulture)}.");
        }

        entry = new Entry(timestamp, new Reading(parameter, value, status), lineNumber);
        return null;
    }

    private static string Describe(Reading reading) =>
        $"{reading.Value.ToString(CultureInfo.InvariantCulture)} with status {Circular10Status.ToText(reading.Status)}";

    private readonly record struct Entry(DateTimeOffset Timestamp, Reading Reading, int LineNumber);
}
