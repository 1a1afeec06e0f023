using System.Globalization;
using System.Text;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Circular10;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Relay;

/// <summary>
/// A test's readings, written straight into InfluxDB (measurement <c>sample</c>): one sample a minute
/// per station with COD and pH, COD calibrating at every seventh minute; and the Circular-10 files
/// the relay must make of them, checked both with the project's parser and line by line here.
/// </summary>
internal sealed class RelayData(IReadOnlyList<(string Station, string Code)> stations, DateTimeOffset start, int minutes)
{
    public const string Park = "RelayPark";

    public IReadOnlyList<(string Station, string Code)> Stations { get; } = stations;

    public DateTimeOffset Start { get; } = start;

    public static RelayData For(string prefix, int stationCount, DateTimeOffset start, int minutes) =>
        new([.. Enumerable.Range(1, stationCount).Select(i => ($"{prefix}-{i:D2}", $"TN_{prefix.Replace("-", "", StringComparison.Ordinal)}_NUOC{i:D2}"))], start, minutes);

    /// <summary>The start of the first interval of 5 minutes that lies wholly in the past by <paramref name="ago"/>.</summary>
    public static DateTimeOffset AlignedAgo(TimeSpan ago, TimeSpan interval)
    {
        var t = DateTimeOffset.UtcNow - ago;
        return new DateTimeOffset(t.UtcTicks - (t.UtcTicks % interval.Ticks), TimeSpan.Zero);
    }

    public (double Cod, double Ph, int CodStatus) Reading(int station, int minute) =>
        (40 + station + (minute * 0.1), 7 + (minute * 0.01), minute % 7 == 3 ? 1 : 0);

    public async Task WriteAsync(InfluxServer influx, string database)
    {
        var lines = new StringBuilder();
        for (var s = 0; s < Stations.Count; s++)
        {
            for (var m = 0; m < minutes; m++)
            {
                var (cod, ph, status) = Reading(s, m);
                lines.Append(CultureInfo.InvariantCulture, $"sample,park={Park},station={Stations[s].Station} COD={cod},pH={ph}");
                if (status != 0)
                {
                    lines.Append(CultureInfo.InvariantCulture, $",COD_status={status}i");
                }

                lines.Append(CultureInfo.InvariantCulture, $" {Start.AddMinutes(m).ToUnixTimeMilliseconds()}\n");
            }
        }

        await influx.GrantCloudAsync(database);
        await influx.WriteAsync(database, lines.ToString());
    }

    /// <summary>The final file names expected for intervals of <paramref name="interval"/> starting at <see cref="Start"/> over <paramref name="count"/> intervals, in sending order.</summary>
    public List<string> FileNames(TimeSpan interval, int count) =>
        [.. Enumerable.Range(0, count).SelectMany(i => Stations.Select(s => Circular10FileName.ForStation(s.Code, Start + (interval * i)).ToString()))];

    /// <summary>
    /// Checks a file's content against the readings of its station and interval: with the project's
    /// parser (names mapped back through <paramref name="names"/>), and independently, field by field.
    /// </summary>
    public void Check(string fileName, byte[] content, TimeSpan interval, IReadOnlyDictionary<string, string> names)
    {
        Assert.True(Circular10FileName.TryParse(fileName, out var name, out var reason), reason);
        var s = Stations.ToList().FindIndex(x => x.Code == name.StationCode);
        Assert.True(s >= 0, $"{fileName} names no station of the test");
        var first = (int)((name.Timestamp - Start) / TimeSpan.FromMinutes(1));
        var count = (int)(interval / TimeSpan.FromMinutes(1));
        string NameOf(string code) => names.TryGetValue(code, out var n) ? n : code;

        // Independent: each line is name, value, unit, local yyyyMMddHHmmss, status, tab separated, CRLF.
        var text = Encoding.UTF8.GetString(content);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var actual = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
        var expected = new List<string>();
        for (var m = first; m < first + count && m < minutes; m++)
        {
            var (cod, ph, status) = Reading(s, m);
            var local = Start.AddMinutes(m).ToOffset(TimeSpan.FromHours(7)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            expected.Add($"{NameOf("COD")}\t{cod.ToString("R", CultureInfo.InvariantCulture)}\tmg/L\t{local}\t{(status == 1 ? "01" : "00")}");
            expected.Add($"{NameOf("pH")}\t{ph.ToString("R", CultureInfo.InvariantCulture)}\t-\t{local}\t00");
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), actual);

        // The project's parser reads the same readings back.
        var mapping = new StationFileMapping(name.StationCode, Stations[s].Station, names.Select(p => KeyValuePair.Create(p.Value, new ParameterMapping(p.Key))));
        var parsed = Circular10Parser.Parse(content, mapping, ParameterCatalog.Default);
        Assert.True(parsed.IsSuccess, parsed.Failure?.ToString());
        Assert.Equal(Math.Min(count, minutes - first), parsed.Samples.Count);
        foreach (var sample in parsed.Samples)
        {
            var m = (int)((sample.Timestamp - Start) / TimeSpan.FromMinutes(1));
            var (cod, ph, status) = Reading(s, m);
            Assert.True(sample.TryGetReading("COD", out var c) && c.Value == cod && (int)c.Status == status, $"COD at minute {m} of {fileName}");
            Assert.True(sample.TryGetReading("pH", out var p) && p.Value == ph, $"pH at minute {m} of {fileName}");
        }
    }
}
