namespace EnvMonitoring.Protocol.Codec;

/// <summary>
/// One thing the codec refused: the reason, where in the payload (a JSONPath such as
/// <c>$.samples[2].values.COD</c>), and a sentence for the person reading the quarantine.
/// </summary>
public sealed record Rejection(RejectionReason Reason, string Path, string Detail)
{
    public override string ToString() => $"{Reason} at {Path}: {Detail}";
}
