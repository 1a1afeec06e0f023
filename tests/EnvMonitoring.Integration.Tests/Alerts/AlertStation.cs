using System.Globalization;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Topics;

namespace EnvMonitoring.Integration.Tests.Alerts;

/// <summary>
/// A station registered for a test with a permit limit of COD ≤ 100 mg/L and pH 6–9, reporting every
/// 5 s; its settings and the samples it publishes.
/// </summary>
internal sealed class AlertStation(string park, string station)
{
    public string Park { get; } = park;

    public string Station { get; } = station;

    public string Topic => Topics.Telemetry(Park, Station);

    public IReadOnlyDictionary<string, string> Settings(int index = 0) => new Dictionary<string, string>
    {
        [$"Stations:{index}:Park"] = Park,
        [$"Stations:{index}:Station"] = Station,
        [$"Stations:{index}:Medium"] = "Water",
        [$"Stations:{index}:ExpectedInterval"] = "00:00:05",
        [$"Stations:{index}:Parameters:0"] = "COD",
        [$"Stations:{index}:Parameters:1"] = "pH",
        [$"Stations:{index}:Permit:0:Parameter"] = "COD",
        [$"Stations:{index}:Permit:0:Max"] = "100",
        [$"Stations:{index}:Permit:0:Reference"] = "Test permit 1/GP",
        [$"Stations:{index}:Permit:1:Parameter"] = "pH",
        [$"Stations:{index}:Permit:1:Min"] = "6",
        [$"Stations:{index}:Permit:1:Max"] = "9",
        [$"Stations:{index}:Permit:1:Reference"] = "Test permit 1/GP",
        ["Rules:TickInterval"] = "00:00:00.200",
        ["Live:CoalesceInterval"] = "00:00:00.100",
    };

    public byte[] Sample(DateTimeOffset at, double cod, double pH = 7.2) => SampleCodec.EncodeSample(new Sample(Station, at,
        [new Reading(ParameterCatalog.Default["COD"], cod), new Reading(ParameterCatalog.Default["pH"], pH)]));

    public static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
