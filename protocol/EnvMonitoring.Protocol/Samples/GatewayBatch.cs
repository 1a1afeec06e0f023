namespace EnvMonitoring.Protocol.Samples;

/// <summary>
/// Samples a gateway forwards upstream in one message. <see cref="Number"/> increases per gateway;
/// the cloud acknowledges batches by number once they are stored.
/// </summary>
public sealed class GatewayBatch
{
    public GatewayBatch(string gateway, long number, IReadOnlyList<Sample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        Gateway = Identifiers.Identifier.Require(gateway, nameof(gateway));
        Number = number;
        Samples = samples;
    }

    public string Gateway { get; }

    public long Number { get; }

    public IReadOnlyList<Sample> Samples { get; }
}
