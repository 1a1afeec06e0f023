namespace EnvMonitoring.Protocol.Circular10;

/// <summary>
/// Why a Circular 10 file was refused: the reason, the 1-based line that showed it (0 when the
/// file as a whole is at fault), and a sentence for the operator who finds it in <c>rejected/</c>.
/// </summary>
public sealed record Circular10Failure(Circular10FailureReason Reason, int LineNumber, string Detail)
{
    public override string ToString() =>
        LineNumber > 0 ? $"{Reason} at line {LineNumber}: {Detail}" : $"{Reason}: {Detail}";
}
