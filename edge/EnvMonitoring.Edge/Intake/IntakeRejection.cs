using EnvMonitoring.Protocol.Circular10;

namespace EnvMonitoring.Edge.Intake;

/// <summary>Why the intake refused a file: a reason code, the 1-based line (0: the file as a whole) and a sentence.</summary>
internal sealed record IntakeRejection(string Reason, int LineNumber, string Detail)
{
    /// <summary>The file name is not <c>&lt;Province&gt;_&lt;Facility&gt;_&lt;Station&gt;_&lt;yyyyMMddHHmmss&gt;.txt</c>.</summary>
    public const string NameNotUnderstood = "NameNotUnderstood";

    /// <summary>No entry of <c>Gateway:Intake:Stations</c> has the file's station code.</summary>
    public const string UnknownStation = "UnknownStation";

    /// <summary>The file is larger than <c>Gateway:Intake:MaxFileBytes</c>.</summary>
    public const string TooLarge = "TooLarge";

    /// <summary>A file of the same name was ingested and archived before with other content: the archived original stands.</summary>
    public const string Conflict = "Conflict";

    public static IntakeRejection From(Circular10Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new IntakeRejection(failure.Reason.ToString(), failure.LineNumber, failure.Detail);
    }

    public override string ToString() => LineNumber > 0 ? $"{Reason} at line {LineNumber}: {Detail}" : $"{Reason}: {Detail}";
}
