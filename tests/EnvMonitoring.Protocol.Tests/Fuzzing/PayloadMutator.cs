using System.Text;

namespace EnvMonitoring.Protocol.Tests.Fuzzing;

/// <summary>
/// Breaks valid payloads the way networks, buggy firmware and attackers do: flipped bits, lost or
/// repeated bytes, truncation, spliced fragments, and tokens swapped for their nastiest neighbours.
/// </summary>
internal sealed class PayloadMutator(Random random, IReadOnlyList<byte[]> donors)
{
    private const string JsonPunctuation = "\"{}[],:\\0-.eE+ ";

    private static readonly byte[][] Fragments =
    [
        .. new[]
        {
            "NaN", "Infinity", "-Infinity", "1e999", "-1e400", "1e-400", "\"", "{", "}", "[", "]", ",", ":", "\\u0000", "\\\"", "\\\\",
            "\\ud800", "\\uDC00\\uD800", "null", "true", "false", "-0", "99999999999999999999", "1.5", " ", "\t\r\n", "//", "/*",
            "\"pH\":15", "\"COD\":45.3", "\"cod\":1", "\"C\\u004FD\":2", "\"status\":{\"COD\":3}", "\"status\":{\"COD\":1}",
            "\"ts\":\"2026-02-30T00:00:00Z\"", "\"ts\":1764309900000", "\"ts\":\"2026-11-28T13:05:00\"", "\"seq\":-1",
            "\"station\":\"_gw\"", "\"station\":\"S 1\"", "\"values\":{}", "\"values\":[]", "\"samples\":[]", "\"batch\":-5",
            "\"gateway\":\"GW2\"", "{\"station\":\"S9\",\"ts\":\"2026-11-28T06:05:00Z\",\"values\":{\"pH\":7}}",
            "\"" + new string('a', 5000) + "\"",
            new string('[', 20), new string('[', 40) + new string(']', 40), new string('{', 1000),
            string.Concat(Enumerable.Repeat("{\"a\":", 20)) + "1" + new string('}', 20),
            string.Concat(Enumerable.Repeat("[", 15)) + string.Concat(Enumerable.Repeat("]", 15)),
        }.Select(Encoding.UTF8.GetBytes),
        [0x00], [0xFF], [0xC3], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF], [0xF0, 0x9F, 0x92, 0xA7], [0x7F],
    ];

    private static readonly string[] NumberTokens =
    [
        "0", "-1", "15", "7.1", "1e400", "-1e400", "3", "2", "1", "1.5", "\"1\"", "null", "[]", "{}", "1e308", "-0", "100001",
        "4102444800000", "946684800000", "946684799999", "9223372036854775807", "9223372036854775808", "1e-400", "0.000000001",
        "14", "14.0000001", "-10", "-10.5", "25", "1E2", "1e+2",
    ];

    private static readonly string[] StringContents =
    [
        "S1", "YB-WWTP-01", "_gw", "a b", "a,b", "a=b", "a\\\"b", "a\\\\b", "a\\nb", "", new string('S', 65), new string('S', 64),
        "pH", "PH", "cod", "COD", "seq", "station", "ts", "values", "status", "samples", "gateway", "batch",
        "2026-11-28T13:05:00+07:00", "2026-11-28T13:05:00", "2027-02-29T00:00:00Z", "2028-02-29T00:00:00Z", "1999-12-31T23:59:59Z",
        "2026-11-28T13:05:00\\u002B07:00", "2026-11-28T13:05:00.1234567890Z", "2026-11-28T24:00:00Z", "\\u0000", "\\ud800", "Trạm",
    ];

    public byte[] Mutate(byte[] seed)
    {
        var bytes = new List<byte>(seed);
        var operations = random.Next(4) == 0 ? 2 + random.Next(4) : 1;
        for (var i = 0; i < operations; i++)
        {
            MutateOnce(bytes);
        }

        return [.. bytes];
    }

    private void MutateOnce(List<byte> bytes)
    {
        var at = random.Next(bytes.Count + 1);
        switch (random.Next(12))
        {
            case 0 when bytes.Count > 0:
                bytes[Math.Min(at, bytes.Count - 1)] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when bytes.Count > 0:
                bytes[Math.Min(at, bytes.Count - 1)] = random.Next(2) == 0 ? (byte)random.Next(256) : (byte)JsonPunctuation[random.Next(JsonPunctuation.Length)];
                break;
            case 2:
                bytes.InsertRange(at, Fragments[random.Next(Fragments.Length)]);
                break;
            case 3:
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16)));
                break;
            case 4:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 5:
                var length = Math.Min(bytes.Count - at, 1 + random.Next(64));
                bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(at, length));
                break;
            case 6:
                var donor = donors[random.Next(donors.Count)];
                var start = random.Next(donor.Length);
                var chunk = donor.AsSpan(start, Math.Min(donor.Length - start, 1 + random.Next(80))).ToArray();
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(chunk.Length + 1)));
                bytes.InsertRange(at, chunk);
                break;
            case 7 or 8:
                ReplaceToken(bytes, at, IsNumberStart, IsNumberPart, NumberTokens[random.Next(NumberTokens.Length)]);
                break;
            default:
                ReplaceStringContent(bytes, at, StringContents[random.Next(StringContents.Length)]);
                break;
        }
    }

    private static bool IsNumberStart(byte b) => b is (byte)'-' or >= (byte)'0' and <= (byte)'9';

    private static bool IsNumberPart(byte b) => IsNumberStart(b) || b is (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+';

    private static void ReplaceToken(List<byte> bytes, int from, Func<byte, bool> isStart, Func<byte, bool> isPart, string replacement)
    {
        var start = bytes.FindIndex(from, isStart.Invoke);
        if (start < 0)
        {
            return;
        }

        var end = start;
        while (end < bytes.Count && isPart(bytes[end]))
        {
            end++;
        }

        bytes.RemoveRange(start, end - start);
        bytes.InsertRange(start, Encoding.UTF8.GetBytes(replacement));
    }

    private static void ReplaceStringContent(List<byte> bytes, int from, string content)
    {
        var open = bytes.IndexOf((byte)'"', from);
        if (open < 0)
        {
            return;
        }

        var close = open + 1;
        while (close < bytes.Count && (bytes[close] != '"' || bytes[close - 1] == '\\'))
        {
            close++;
        }

        if (close >= bytes.Count)
        {
            return;
        }

        bytes.RemoveRange(open + 1, close - open - 1);
        bytes.InsertRange(open + 1, Encoding.UTF8.GetBytes(content));
    }
}
