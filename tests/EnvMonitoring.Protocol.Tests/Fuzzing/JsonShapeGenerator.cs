using System.Globalization;
using System.Text;
using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Protocol.Tests.Fuzzing;

/// <summary>
/// Writes well-formed JSON shaped like samples and batches, with each field sometimes right, sometimes
/// of the wrong type, missing, repeated, out of range or oddly escaped; and arbitrary JSON besides.
/// </summary>
internal sealed class JsonShapeGenerator(Random random)
{
    public static readonly string[] Stations = ["S1", "YB-WWTP-01", "YB-STACK-01", "9", "a.b_c-d"];

    public static readonly string[] Gateways = ["GW1", "KCN-YB-GW1"];

    private static readonly string[] BadIdentifiers = ["", "_gw", "S 1", "S,1", "S=1", "S\"1", "S\\1", "S\n1", "-S", "Trạm", new string('S', 65), "S/1", "+"];

    private static readonly string[] Names = ["station", "seq", "ts", "values", "status", "gateway", "batch", "samples", "fw", "x", "", "Station", "pH"];

    private readonly IReadOnlyList<Parameter> _parameters = ParameterCatalog.Default.Parameters;

    private readonly StringBuilder _json = new();

    public string NextSample()
    {
        _json.Clear();
        WriteSample(depth: 1);
        return _json.ToString();
    }

    public string NextBatch()
    {
        _json.Clear();
        var fields = new List<(string Name, Action Write)>();
        AddField(fields, "gateway", 0.9, () => WriteIdentifier(Gateways));
        AddField(fields, "batch", 0.9, () => WriteInteger());
        AddField(fields, "samples", 0.9, () =>
        {
            if (random.Next(10) == 0)
            {
                WriteAny(2);
                return;
            }

            _json.Append('[');
            var count = random.Next(random.Next(8) == 0 ? 12 : 5);
            for (var i = 0; i < count; i++)
            {
                Comma(i);
                if (random.Next(12) == 0)
                {
                    WriteAny(3);
                }
                else
                {
                    WriteSample(depth: 3);
                }
            }

            _json.Append(']');
        });
        WriteObject(fields, depth: 1);
        return _json.ToString();
    }

    public string NextAny()
    {
        _json.Clear();
        WriteAny(1);
        return _json.ToString();
    }

    private void WriteSample(int depth)
    {
        var fields = new List<(string Name, Action Write)>();
        AddField(fields, "station", 0.92, () => WriteIdentifier(Stations));
        AddField(fields, "seq", 0.5, () => WriteInteger());
        AddField(fields, "ts", 0.92, WriteTimestamp);
        AddField(fields, "values", 0.92, () => WriteParameterMap(depth + 1, WriteValue));
        AddField(fields, "status", 0.3, () => WriteParameterMap(depth + 1, WriteStatus));
        WriteObject(fields, depth);
    }

    private void AddField(List<(string Name, Action Write)> fields, string name, double probability, Action write)
    {
        if (random.NextDouble() < probability)
        {
            fields.Add((name, random.Next(25) == 0 ? () => WriteAny(3) : write));
        }
    }

    private void WriteObject(List<(string Name, Action Write)> fields, int depth)
    {
        for (var extra = random.Next(random.Next(4) == 0 ? 4 : 1); extra > 0; extra--)
        {
            fields.Add((Names[random.Next(Names.Length)], () => WriteAny(depth + 1)));
        }

        if (fields.Count > 0 && random.Next(30) == 0)
        {
            fields.Add(fields[random.Next(fields.Count)]);
        }

        var order = fields.OrderBy(_ => random.Next()).ToList();
        _json.Append('{');
        for (var i = 0; i < order.Count; i++)
        {
            Comma(i);
            WriteString(order[i].Name);
            _json.Append(':');
            order[i].Write();
        }

        _json.Append('}');
    }

    private void WriteParameterMap(int depth, Action<Parameter> writeEntry)
    {
        _json.Append('{');
        var count = random.Next(random.Next(10) == 0 ? 25 : 7);
        for (var i = 0; i < count; i++)
        {
            Comma(i);
            var parameter = _parameters[random.Next(_parameters.Count)];
            var name = random.Next(12) switch
            {
                0 => parameter.Code.ToUpperInvariant(),
                1 => RandomText(6),
                _ => parameter.Code,
            };
            WriteString(name);
            _json.Append(':');
            if (random.Next(30) == 0)
            {
                WriteAny(depth + 1);
            }
            else
            {
                writeEntry(parameter);
            }
        }

        _json.Append('}');
    }

    private void WriteValue(Parameter parameter)
    {
        var span = parameter.AcceptedMax - parameter.AcceptedMin;
        switch (random.Next(10))
        {
            case < 6:
                WriteNumber(parameter.AcceptedMin + (random.NextDouble() * span));
                break;
            case 6:
                WriteNumber(random.Next(2) == 0 ? parameter.AcceptedMin : parameter.AcceptedMax);
                break;
            case 7:
                WriteNumber(random.Next(2) == 0 ? parameter.AcceptedMin - (random.NextDouble() * span) - 1e-9 : parameter.AcceptedMax + (random.NextDouble() * span) + 1e-9);
                break;
            case 8:
                _json.Append(random.Next(4) switch { 0 => "1e400", 1 => "-1e999", 2 => "1e-400", _ => "123456789012345678901234567890" });
                break;
            default:
                WriteAny(4);
                break;
        }
    }

    private void WriteStatus(Parameter parameter) =>
        _json.Append(random.Next(10) switch
        {
            < 7 => random.Next(3).ToString(CultureInfo.InvariantCulture),
            7 => "3",
            8 => "\"1\"",
            _ => random.Next(3) switch { 0 => "1.5", 1 => "-1", _ => "null" },
        });

    private void WriteIdentifier(string[] valid)
    {
        if (random.Next(6) == 0)
        {
            WriteString(BadIdentifiers[random.Next(BadIdentifiers.Length)]);
        }
        else
        {
            WriteString(valid[random.Next(valid.Length)]);
        }
    }

    private void WriteInteger() =>
        _json.Append(random.Next(8) switch
        {
            0 => "-1",
            1 => "1.5",
            2 => "\"12\"",
            3 => "99999999999999999999",
            _ => random.NextInt64(0, long.MaxValue).ToString(CultureInfo.InvariantCulture),
        });

    private void WriteTimestamp()
    {
        var offset = TimeSpan.FromMinutes(15 * random.Next(-60, 61));
        var instant = new DateTime(1995, 1, 1).AddTicks((long)(random.NextDouble() * (new DateTime(2105, 1, 1) - new DateTime(1995, 1, 1)).Ticks));
        switch (random.Next(8))
        {
            case 0:
                _json.Append(new DateTimeOffset(instant, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                break;
            case 1:
                WriteString(instant.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
                break;
            case 2:
                WriteString(instant.ToString("yyyy-MM-ddTHH:mm:ss." + new string('f', 1 + random.Next(7)), CultureInfo.InvariantCulture) + "Z");
                break;
            case 3:
                WriteString($"{random.Next(3000):D4}-{random.Next(15):D2}-{random.Next(33):D2}T{random.Next(26):D2}:{random.Next(62):D2}:{random.Next(62):D2}Z");
                break;
            default:
                var sign = offset < TimeSpan.Zero ? '-' : '+';
                WriteString(instant.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + $"{sign}{offset.Duration():hh\\:mm}");
                break;
        }
    }

    private void WriteAny(int depth)
    {
        var kind = depth > 18 ? random.Next(5) : random.Next(depth > 6 ? 9 : 7);
        switch (kind)
        {
            case 0:
                _json.Append("null");
                break;
            case 1:
                _json.Append(random.Next(2) == 0 ? "true" : "false");
                break;
            case 2:
                WriteNumber((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-10, 300)));
                break;
            case 3:
                _json.Append(random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture));
                break;
            case 4:
                WriteString(RandomText(random.Next(random.Next(20) == 0 ? 2000 : 12)));
                break;
            case 5 or 7:
                _json.Append('[');
                for (var i = random.Next(4); i > 0; i--)
                {
                    WriteAny(depth + 1);
                    _json.Append(i > 1 ? "," : "");
                }

                _json.Append(']');
                break;
            default:
                _json.Append('{');
                for (var i = random.Next(4); i > 0; i--)
                {
                    WriteString(random.Next(3) == 0 ? Names[random.Next(Names.Length)] : RandomText(random.Next(8)));
                    _json.Append(':');
                    WriteAny(depth + 1);
                    _json.Append(i > 1 ? "," : "");
                }

                _json.Append('}');
                break;
        }
    }

    private void WriteNumber(double value) => _json.Append(value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Writes a JSON string, escaping what must be escaped and, now and then, what need not be.</summary>
    private void WriteString(string text)
    {
        _json.Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\' || c < ' ' || random.Next(40) == 0)
            {
                _json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                _json.Append(c);
            }
        }

        _json.Append('"');
    }

    private string RandomText(int length)
    {
        const string Alphabet = "abcXYZ019_.- ,=\"\\\n\tàệ€😀";
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            var c = Alphabet[random.Next(Alphabet.Length)];
            text.Append(char.IsSurrogate(c) ? "😀" : c);
        }

        return text.ToString();
    }

    private void Comma(int index)
    {
        if (index > 0)
        {
            _json.Append(',');
        }
    }
}
