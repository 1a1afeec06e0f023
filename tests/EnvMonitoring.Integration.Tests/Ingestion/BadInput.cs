namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>
/// One MQTT message of the flood that is bad, or partly bad: what to publish, the quarantine
/// reasons it must produce (one per refused item), and the points its good part must store.
/// </summary>
internal sealed record BadInput(string Name, string Topic, byte[] Payload, IReadOnlyList<string> Reasons, IReadOnlyList<ExpectedPoint> Kept)
{
    public static BadInput Refused(string name, string topic, byte[] payload, params string[] reasons) => new(name, topic, payload, reasons, []);
}
