using EnvMonitoring.Rules.Compliance;

namespace EnvMonitoring.Cloud.Annotations;

/// <summary>
/// The one rule of what approved annotations do to a stored reading in annotated figures
/// (docs/annotations.md, "Effects"). Maintenance, a probe fault, a calibration the datalogger did not
/// report and a power outage exclude the reading from validity, as status 01 and 02 do (DOMAIN.md,
/// "Judging compliance": data from a device not measuring is excluded and counted); a
/// laboratory-verified value replaces the reading's value (DOMAIN.md: an approved corrected value is
/// a new version, the original kept). An exclusion wins over a laboratory value on the same
/// reading; of two laboratory values the later approved one stands. Pending, rejected and
/// withdrawn annotations do nothing. Original figures never go through here.
/// </summary>
public static class AnnotationEffect
{
    /// <summary>Whether an approved annotation with <paramref name="reason"/> replaces values rather than excluding readings.</summary>
    public static bool Replaces(AnnotationReason reason) => reason == AnnotationReason.LaboratoryValue;

    /// <summary>
    /// How a reading of value <paramref name="value"/> and device status <paramref name="status"/>
    /// at <paramref name="at"/> counts in annotated figures, given the annotations of its parameter.
    /// </summary>
    public static (ReadingClass Class, double Value) Classify(
        IReadOnlyList<Annotation> annotations, DateTimeOffset at, double value, int status, bool negativeAllowed)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        Annotation? replacing = null;
        foreach (var annotation in annotations)
        {
            if (annotation.State != AnnotationState.Approved || !annotation.Covers(at))
            {
                continue;
            }

            if (!Replaces(annotation.Reason))
            {
                return (ReadingClass.Annotated, value);
            }

            if (replacing is null || annotation.DecidedAt > replacing.DecidedAt)
            {
                replacing = annotation;
            }
        }

        // The laboratory's value was verified: it counts whatever the device reported.
        return replacing is { Value: { } verified }
            ? (ReadingValidity.Classify(verified, 0, negativeAllowed), verified)
            : (ReadingValidity.Classify(value, status, negativeAllowed), value);
    }
}
