using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Protocol.Circular10;

/// <summary>
/// A file's samples (one per timestamp, oldest first), or why the whole file was refused: a file is
/// all or nothing, so <see cref="Samples"/> is empty whenever <see cref="Failure"/> is set.
/// </summary>
public readonly record struct Circular10ParseResult
{
    private readonly IReadOnlyList<Sample>? _samples;

    private Circular10ParseResult(IReadOnlyList<Sample> samples, Circular10Failure? failure)
    {
        _samples = samples;
        Failure = failure;
    }

    public IReadOnlyList<Sample> Samples => _samples ?? [];

    public Circular10Failure? Failure { get; }

    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Failure is null;

    public static Circular10ParseResult Success(IReadOnlyList<Sample> samples) => new(samples, null);

    public static Circular10ParseResult Failed(Circular10FailureReason reason, int lineNumber, string detail) =>
        new([], new Circular10Failure(reason, lineNumber, detail));
}
