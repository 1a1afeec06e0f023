using System.Globalization;
using System.Text;

namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>
/// Every kind of bad input a cloud broker can carry, one round at a time: random bytes, truncated
/// JSON, oversized payloads, wrong types, NaN and Infinity literals, unknown parameters, impossible
/// times, and identifiers carrying the characters that could break line protocol or InfluxQL
/// (<c>,</c> <c>=</c> space <c>"</c> <c>\</c> newline) — in payload fields and in topics. Each round
/// uses its own station and gateway ids and measurement times, so items never share a point.
/// Items that target the valid stations carry good values too (<see cref="BadInput.Kept"/>).
/// Payload templates name their blanks: <c>@S</c> station, <c>@T</c> time, <c>@G</c> gateway.
/// </summary>
internal static class BadInputFlood
{
    public const int HugePayloadBytes = 10 * 1024 * 1024;

    private const string WrongType = "WrongType";
    private const string GoodTemplate = """{"station":"@S","ts":"@T","values":{"COD":12.5,"pH":7}}""";

    public static List<BadInput> Round(string park, IReadOnlyList<string> stations, string gateway, int round, DateTimeOffset start, bool withHugePayloads)
    {
        var items = new List<BadInput>();
        var next = 0;
        DateTimeOffset NextTime() => start.AddHours(round).AddSeconds(next++);
        string Own(string kind) => $"BX-{kind}-r{round}";
        string Telemetry(string station) => $"envmon/{park}/{station}/telemetry";
        string BatchTopic(string id) => $"envmon/{park}/_gw/{id}/batch";
        string Good(string station, DateTimeOffset ts) => Fill(GoodTemplate, station, ts);
        ExpectedPoint GoodPoint(string station, DateTimeOffset ts) => new(station, ts, new Dictionary<string, double> { ["COD"] = 12.5, ["pH"] = 7 });

        // A sample on a station of its own, refused as a whole.
        void Sample(string kind, string template, params string[] reasons)
        {
            var station = Own(kind);
            items.Add(BadInput.Refused(kind, Telemetry(station), Utf8(Fill(template, station, NextTime())), reasons));
        }

        var random = new Random(round + 1);
        var noise = new byte[200];
        random.NextBytes(noise);
        noise[0] = 0xFF;
        items.Add(BadInput.Refused("random-bytes", Telemetry(Own("noise")), noise, "NotJson"));
        Sample("truncated", """{"station":"@S","ts":"@T","values":{"COD":12""", "NotJson");
        Sample("empty", "", "NotJson");
        Sample("trailing", """{"station":"@S","ts":"@T","values":{"COD":1}} sample,station=x COD=1""", "NotJson");
        Sample("nan", """{"station":"@S","ts":"@T","values":{"COD":NaN}}""", "NotJson");
        Sample("infinity", """{"station":"@S","ts":"@T","values":{"COD":-Infinity}}""", "NotJson");
        var utf8Station = Own("utf8");
        items.Add(BadInput.Refused("invalid-utf8", Telemetry(utf8Station),
            [.. Utf8($"{{\"station\":\"{utf8Station}"), 0xC3, 0x28, .. Utf8(Fill("\",\"ts\":\"@T\",\"values\":{\"COD\":1}}", utf8Station, NextTime()))], "NotJson"));
        Sample("too-deep", """{"station":"@S","ts":"@T","values":{"COD":1},"x":""" + new string('[', 20) + "1" + new string(']', 20) + "}", "TooDeep");
        Sample("over-64k", """{"station":"@S","ts":"@T","values":{"COD":1},"pad":""" + Quoted(new string('x', 100_000)) + "}", "TooLarge");
        Sample("root-array", """[{"station":"@S","ts":"@T","values":{"COD":1}}]""", WrongType);
        Sample("root-string", "\"sample,station=x COD=1\"", WrongType);
        Sample("station-number", """{"station":5,"ts":"@T","values":{"COD":1}}""", WrongType);
        Sample("values-array", """{"station":"@S","ts":"@T","values":[1,2]}""", WrongType);
        Sample("value-types", """{"station":"@S","ts":"@T","values":{"COD":"45","pH":true,"TSS":null,"NH4":{"v":1}}}""", WrongType, WrongType, WrongType, WrongType);
        Sample("ts-boolean", """{"station":"@S","ts":true,"values":{"COD":1}}""", WrongType);
        Sample("status-array", """{"station":"@S","ts":"@T","values":{"COD":1},"status":[1]}""", WrongType);
        Sample("overflow", """{"station":"@S","ts":"@T","values":{"COD":1e400}}""", "NonFiniteValue");
        Sample("hostile-station", """{"station":"FL-01,park=evil x=\"1\"\\ \n","ts":"@T","values":{"COD":1}}""", "InvalidIdentifier");
        Sample("escaped-station", """{"station":"FL-01\u000Asample","ts":"@T","values":{"COD":1}}""", "InvalidIdentifier");
        // A valid victim's id on another station's topic must not write to the victim.
        Sample("victim", """{"station":"@V","ts":"@T","values":{"COD":1}}""".Replace("@V", stations[0], StringComparison.Ordinal), "StationMismatch");
        Sample("unknown-codes", """{"station":"@S","ts":"@T","values":{"XYZ":1,"cod":2,"COD,station=evil":3,"pH=1 x":4,"a\nb":5,"COD\\":6,"COD\" x":7}}""",
            [.. Enumerable.Repeat("UnknownParameter", 7), "NoValues"]);
        Sample("no-ts", """{"station":"@S","values":{"COD":1}}""", "MissingField");
        Sample("no-station", """{"ts":"@T","values":{"COD":1}}""", "MissingField");
        Sample("local-ts", """{"station":"@S","ts":"2026-01-10T10:00:00","values":{"COD":1}}""", "TimestampWithoutOffset");
        Sample("word-ts", """{"station":"@S","ts":"yesterday","values":{"COD":1}}""", "InvalidTimestamp");
        Sample("old-ts", """{"station":"@S","ts":"1999-12-31T23:00:00Z","values":{"COD":1}}""", "InvalidTimestamp");
        Sample("far-ts", """{"station":"@S","ts":99999999999999,"values":{"COD":1}}""", "InvalidTimestamp");
        Sample("twice", """{"station":"@S","station":"@S","ts":"@T","values":{"COD":1}}""", "DuplicateKey");
        Sample("ph-15", """{"station":"@S","ts":"@T","values":{"pH":15}}""", "OutOfRange");
        Sample("status-3", """{"station":"@S","ts":"@T","values":{"COD":1},"status":{"COD":3}}""", "InvalidStatus");
        Sample("no-values", """{"station":"@S","ts":"@T","values":{}}""", "NoValues");
        if (withHugePayloads)
        {
            Sample("huge", """{"station":"@S","ts":"@T","values":{"COD":1},"pad":""" + Quoted(new string('x', HugePayloadBytes)) + "}", "TooLarge");
        }

        // Partly bad samples on the valid stations: the good values beside the bad ones are stored.
        void Mixed(string kind, string station, string template, Dictionary<string, double> kept, params string[] reasons)
        {
            var ts = NextTime();
            items.Add(new BadInput(kind, Telemetry(station), Utf8(Fill(template, station, ts)), reasons, [new ExpectedPoint(station, ts, kept)]));
        }

        Mixed("mixed-values", stations[0], """{"station":"@S","ts":"@T","values":{"COD":12.5,"cod":3,"pH":"7","TSS":1e400,"NH4":-50,"Temp":21.5},"status":{"Temp":7}}""",
            new() { ["COD"] = 12.5 }, "UnknownParameter", WrongType, "NonFiniteValue", "OutOfRange", "InvalidStatus");
        Mixed("negative-seq", stations[1], """{"station":"@S","seq":-5,"ts":"@T","values":{"COD":3.5,"pH":7.25}}""",
            new() { ["COD"] = 3.5, ["pH"] = 7.25 }, "InvalidSequence");
        Mixed("orphan-status", stations[2], """{"station":"@S","ts":"@T","values":{"COD":4.5},"status":{"TSS":1}}""",
            new() { ["COD"] = 4.5 }, "StatusWithoutValue");
        Mixed("value-twice", stations[3], """{"station":"@S","ts":"@T","values":{"COD":1,"COD":2,"pH":7.5}}""",
            new() { ["pH"] = 7.5 }, "DuplicateKey");
        Mixed("hostile-status-code", stations[0], """{"station":"@S","ts":"@T","values":{"COD":2.25},"status":{"COD\",x=1":1}}""",
            new() { ["COD"] = 2.25 }, "UnknownParameter");
        Mixed("status-twice", stations[1], """{"station":"@S","ts":"@T","values":{"COD":5.5,"pH":7},"status":{"COD":1,"COD":1}}""",
            new() { ["pH"] = 7 }, "InvalidStatus");

        // Gateway batches refused as a whole, each on a gateway of its own.
        void Batch(string kind, string template, params string[] reasons)
        {
            var id = $"bg-{kind}-r{round}";
            items.Add(BadInput.Refused(kind, BatchTopic(id), Utf8(template.Replace("@G", id, StringComparison.Ordinal)), reasons));
        }

        var good = Good(stations[0], NextTime());
        Batch("foreign", $"{{\"gateway\":\"{gateway}\",\"batch\":999,\"samples\":[{good}]}}", "GatewayMismatch");
        Batch("hostile-gateway", $"{{\"gateway\":\"{gateway},x=1 y\",\"batch\":1,\"samples\":[{good}]}}", "InvalidIdentifier");
        Batch("negative-number", $"{{\"gateway\":\"@G\",\"batch\":-1,\"samples\":[{good}]}}", "InvalidSequence");
        Batch("string-number", $"{{\"gateway\":\"@G\",\"batch\":\"7\",\"samples\":[{good}]}}", "InvalidSequence");
        Batch("no-samples", """{"gateway":"@G","batch":1}""", "MissingField");
        Batch("samples-object", """{"gateway":"@G","batch":1,"samples":{}}""", WrongType);
        Batch("number-twice", $"{{\"gateway\":\"@G\",\"batch\":1,\"batch\":2,\"samples\":[{good}]}}", "DuplicateKey");
        Batch("root-array", "[]", WrongType);
        var overfull = NextTime().ToUnixTimeMilliseconds();
        var tooMany = Enumerable.Range(0, 10_001).Select(i => $"{{\"station\":\"{stations[0]}\",\"ts\":{overfull + i},\"values\":{{\"COD\":1}}}}");
        Batch("too-many", $"{{\"gateway\":\"@G\",\"batch\":1,\"samples\":[{string.Join(',', tooMany)}]}}", "TooManySamples");
        Batch("many-errors", $"{{\"gateway\":\"@G\",\"batch\":1,\"samples\":[{string.Join(',', Enumerable.Repeat("{}", 150))}]}}",
            [.. Enumerable.Repeat("MissingField", 100), "TooManyErrors"]);
        if (withHugePayloads)
        {
            Batch("huge", $"{{\"gateway\":\"@G\",\"batch\":1,\"samples\":[],\"pad\":\"{new string('x', HugePayloadBytes)}\"}}", "TooLarge");
        }

        // A batch of good and bad samples: the good ones are stored.
        var mixedGateway = $"fl-mixed-r{round}";
        var (t0, t1, t3, t5) = (NextTime(), NextTime(), NextTime(), NextTime());
        var mixedSamples = new[]
        {
            Good(stations[1], t0),
            Fill("""{"station":"FL 02","ts":"@T","values":{"COD":1}}""", "", t1),
            "5",
            Good(stations[2], t3),
            Fill("""{"station":"@S","values":{"COD":1}}""", stations[3], t5),
            Fill("""{"station":"@S","ts":"@T","values":{"COD":2.5,"Xyz":1}}""", stations[3], t5),
        };
        items.Add(new BadInput("mixed-batch", BatchTopic(mixedGateway),
            Utf8($"{{\"gateway\":\"{mixedGateway}\",\"batch\":1,\"samples\":[{string.Join(",\n", mixedSamples)}]}}"),
            ["InvalidIdentifier", WrongType, "MissingField", "UnknownParameter"],
            [GoodPoint(stations[1], t0), GoodPoint(stations[2], t3), new ExpectedPoint(stations[3], t5, new Dictionary<string, double> { ["COD"] = 2.5 })]));

        // Topics that match ingestion's subscriptions but are not contract topics: refused, good payload or not.
        void Topic(string kind, string topic, string payload) => items.Add(BadInput.Refused(kind, topic, Utf8(payload), WrongType));
        Topic("topic-comma", Telemetry($"FL-01,park=evil{round}"), Good(stations[0], NextTime()));
        Topic("topic-space", $"envmon/Flood Park{round}/FL-01/telemetry", Good(stations[0], NextTime()));
        Topic("topic-equals", $"envmon/Flood=Park{round}/FL-01/telemetry", Good(stations[0], NextTime()));
        Topic("topic-quote", Telemetry($"FL\"01{round}"), Good(stations[0], NextTime()));
        Topic("topic-backslash", Telemetry($"FL\\01{round}"), Good(stations[0], NextTime()));
        Topic("topic-newline", Telemetry($"FL-01\nsample,station=x COD=1 {round}"), Good(stations[0], NextTime()));
        Topic("topic-non-ascii", Telemetry($"FL-01é{round}"), Good(stations[0], NextTime()));
        Topic("topic-too-long", Telemetry($"FL-{new string('1', 70)}{round}"), Good(stations[0], NextTime()));
        Topic("topic-gw-station", $"envmon/{park}{round}/_gw/telemetry", Good(stations[0], NextTime()));
        Topic("topic-gateway-space", BatchTopic($"fl gw {round}"), $"{{\"gateway\":\"fl gw {round}\",\"batch\":1,\"samples\":[{Good(stations[0], NextTime())}]}}");
        Topic("topic-gateway-newline", BatchTopic($"{gateway}\n{round}"), $"{{\"gateway\":\"{gateway}\",\"batch\":1,\"samples\":[{Good(stations[0], NextTime())}]}}");
        return items;
    }

    private static string Fill(string template, string station, DateTimeOffset ts) => template
        .Replace("@S", station, StringComparison.Ordinal)
        .Replace("@T", ts.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string Quoted(string text) => $"\"{text}\"";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
