using System.Text.Json.Serialization;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Backtest;

/// <summary>The back-test as JSON (<c>--json</c>): times RFC 3339 in +07:00, names as in docs/live.md.</summary>
internal sealed record BacktestJson(
    string Station,
    string Park,
    string Name,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset WarmupFrom,
    Dictionary<string, string?> Settings,
    long Samples,
    long WarmupSamples,
    IReadOnlyList<AlertEventView> Events,
    Dictionary<string, int> EventsByKind,
    IReadOnlyList<BacktestJsonOpened> Opened,
    IReadOnlyList<string> OpenAtStart,
    IReadOnlyList<string> ActiveAtEnd,
    Dictionary<string, long> Readings)
{
    public static BacktestJson Of(BacktestResult result, IReadOnlyList<KeyValuePair<string, string?>> overrides)
    {
        var summary = BacktestSummary.Of(result);
        var c = result.Counters;
        return new BacktestJson(
            result.Station.Station,
            result.Station.Park,
            result.Station.Name,
            ProvinceTime.ToLocal(result.From),
            ProvinceTime.ToLocal(result.To),
            ProvinceTime.ToLocal(result.WarmFrom),
            overrides.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal),
            result.Samples,
            result.WarmupSamples,
            [.. result.Events.Select(AlertEventView.Of)],
            summary.ByKind.ToDictionary(k => WireName.Of(k.Kind), k => k.Count, StringComparer.Ordinal),
            [.. summary.OpenedByCause.Select(o => new BacktestJsonOpened(WireName.Of(o.Rule), o.Parameter, o.Opened, WireName.Of(o.Worst)))],
            [.. result.OpenAtStart.Select(a => a.Id)],
            [.. result.ActiveAtEnd.Select(a => a.Id)],
            new Dictionary<string, long>(StringComparer.Ordinal)
            {
                ["judged"] = c.Readings,
                ["calibrating"] = c.Calibrating,
                ["fault"] = c.Faults,
                ["invalid"] = c.Invalid,
                ["flatLine"] = c.FlatLine,
                ["duplicates"] = c.Duplicates,
            });
    }
}

/// <summary>Alerts opened for one cause in the range, and the worst level they reached.</summary>
internal sealed record BacktestJsonOpened(string Rule, string? Parameter, int Count, string Worst);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(BacktestJson))]
internal sealed partial class BacktestJsonContext : JsonSerializerContext;
