using System.Globalization;
using System.Text;

namespace EnvMonitoring.Evidence.Seals;

/// <summary>
/// A station-day's stored items as the canonical records they are sealed by (<see cref="SealEncoder"/>),
/// one line each, items in chain order: what an evidence export carries (<c>sealed/{day}.tsv</c>) so a
/// verifier rebuilds every item exactly (the stored binary64 value, status, event JSON) without the centre.
/// </summary>
public static class SealRecords
{
    /// <summary>Writes the items' records (UTF-8, line feeds); an event needs its stored JSON.</summary>
    public static async Task WriteAsync(Stream output, string station, IEnumerable<StoredItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(items);
        var encoder = new SealEncoder();
        var buffer = new MemoryStream();
        foreach (var stored in items.OrderBy(s => s.Item, Comparer<SealItem>.Create(SealItem.CompareChainOrder)))
        {
            var item = stored.Item;
            if (item.Kind == SealItemKind.Event)
            {
                var json = stored.Json ?? throw new ArgumentException($"Alert event {item.Seq} has no stored JSON to export.", nameof(items));
                buffer.Write(Encoding.UTF8.GetBytes(SealEncoder.EventLine(station, item.Time, item.Seq, json)));
            }
            else
            {
                foreach (var reading in stored.Readings.OrderBy(r => r.Parameter, StringComparer.Ordinal))
                {
                    buffer.Write(encoder.ReadingLine(station, item.Time, reading));
                }
            }

            if (buffer.Length >= 1 << 16)
            {
                await FlushAsync(buffer, output, cancellationToken);
            }
        }

        await FlushAsync(buffer, output, cancellationToken);
    }

    /// <summary>Reads records back into items (a sample from its consecutive reading lines); every line must be of <paramref name="station"/>.</summary>
    public static async Task<List<StoredItem>> ReadAsync(Stream input, string station, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var items = new List<StoredItem>();
        var readings = new List<SealReading>();
        long? sampleTime = null;
        void EndSample()
        {
            if (sampleTime is { } t)
            {
                items.Add(new StoredItem(SealEncoder.Sample(station, t, readings), [.. readings]));
                readings.Clear();
                sampleTime = null;
            }
        }

        using var reader = new StreamReader(input, new UTF8Encoding(false, throwOnInvalidBytes: true));
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            // A reading has six fields; an event's fifth is its JSON, taken whole.
            var parts = line.StartsWith("R\t", StringComparison.Ordinal) ? line.Split('\t') : line.Split('\t', 5);
            if (parts.Length < 5 || parts[1] != station || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var time))
            {
                throw new InvalidDataException($"Sealed record line {number} is malformed or not of station {station}.");
            }

            if (parts[0] == "R")
            {
                if (parts.Length != 6
                    || !ulong.TryParse(parts[4], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits)
                    || !int.TryParse(parts[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var status))
                {
                    throw new InvalidDataException($"Sealed record line {number} has a malformed value or status.");
                }

                if (sampleTime != time)
                {
                    EndSample();
                    sampleTime = time;
                }

                readings.Add(new SealReading(parts[3], BitConverter.UInt64BitsToDouble(bits), status));
            }
            else if (parts[0] == "E" && long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seq))
            {
                EndSample();
                items.Add(new StoredItem(SealEncoder.Event(station, time, seq, parts[4]), [], parts[4]));
            }
            else
            {
                throw new InvalidDataException($"Sealed record line {number} is neither a reading (R) nor an alert event (E).");
            }
        }

        EndSample();
        return items;
    }

    private static async Task FlushAsync(MemoryStream buffer, Stream output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        buffer.SetLength(0);
    }
}
