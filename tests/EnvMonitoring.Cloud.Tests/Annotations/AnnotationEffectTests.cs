using EnvMonitoring.Cloud.Annotations;
using EnvMonitoring.Rules.Compliance;

namespace EnvMonitoring.Cloud.Tests.Annotations;

/// <summary>
/// The fold of an annotation's steps and the one rule of what an approved annotation does to a
/// reading (docs/annotations.md), without a server.
/// </summary>
public sealed class AnnotationEffectTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 0, 0, TimeSpan.FromHours(7));

    private static Annotation Folded(AnnotationReason reason, double? value, params AnnotationStepKind[] decisions)
    {
        var proposed = new AnnotationStep("a1", AnnotationStepKind.Proposed, Start.AddDays(1), "op", "P", "S-1", "note")
        {
            Proposal = new AnnotationProposal("COD", Start, Start.AddHours(2), reason, value),
        };
        var annotation = Annotation.Apply(null, proposed)!;
        var at = Start.AddDays(2);
        foreach (var kind in decisions)
        {
            at = at.AddMinutes(1);
            annotation = Annotation.Apply(annotation, new AnnotationStep("a1", kind, at, "insp", "P", "S-1", null))!;
        }

        return annotation;
    }

    [Fact]
    public void Only_the_first_decision_of_a_pending_annotation_counts()
    {
        var annotation = Folded(AnnotationReason.Maintenance, null, AnnotationStepKind.Rejected, AnnotationStepKind.Approved);
        Assert.Equal((AnnotationState.Rejected, "insp", "op"), (annotation.State, annotation.DecidedBy, annotation.ProposedBy));
    }

    [Theory]
    [InlineData(AnnotationReason.Maintenance)]
    [InlineData(AnnotationReason.ProbeFault)]
    [InlineData(AnnotationReason.CalibrationNotReported)]
    [InlineData(AnnotationReason.PowerOutage)]
    public void An_approved_exclusion_excludes_readings_inside_its_period_only(AnnotationReason reason)
    {
        List<Annotation> approved = [Folded(reason, null, AnnotationStepKind.Approved)];
        Assert.Equal((ReadingClass.Annotated, 50.0), AnnotationEffect.Classify(approved, Start, 50, 0, false));
        Assert.Equal((ReadingClass.Annotated, 50.0), AnnotationEffect.Classify(approved, Start.AddHours(2).AddTicks(-1), 50, 2, false));
        Assert.Equal((ReadingClass.Valid, 50.0), AnnotationEffect.Classify(approved, Start.AddHours(2), 50, 0, false));
        Assert.Equal((ReadingClass.Calibrating, 50.0), AnnotationEffect.Classify(approved, Start.AddTicks(-1), 50, 1, false));
    }

    [Fact]
    public void A_laboratory_value_replaces_the_reading_whatever_its_status()
    {
        List<Annotation> approved = [Folded(AnnotationReason.LaboratoryValue, 7.5, AnnotationStepKind.Approved)];
        Assert.Equal((ReadingClass.Valid, 7.5), AnnotationEffect.Classify(approved, Start.AddMinutes(5), 12, 2, false));
    }

    [Fact]
    public void Pending_rejected_and_withdrawn_annotations_change_nothing()
    {
        List<Annotation> annotations =
        [
            Folded(AnnotationReason.Maintenance, null),
            Folded(AnnotationReason.Maintenance, null, AnnotationStepKind.Rejected),
            Folded(AnnotationReason.LaboratoryValue, 1, AnnotationStepKind.Withdrawn),
        ];
        Assert.Equal((ReadingClass.Valid, 50.0), AnnotationEffect.Classify(annotations, Start.AddMinutes(5), 50, 0, false));
        Assert.Equal((ReadingClass.Invalid, -1.0), AnnotationEffect.Classify(annotations, Start.AddMinutes(5), -1, 0, false));
    }

    [Fact]
    public void An_exclusion_wins_over_a_laboratory_value()
    {
        List<Annotation> approved =
        [
            Folded(AnnotationReason.LaboratoryValue, 7.5, AnnotationStepKind.Approved),
            Folded(AnnotationReason.PowerOutage, null, AnnotationStepKind.Approved),
        ];
        Assert.Equal(ReadingClass.Annotated, AnnotationEffect.Classify(approved, Start.AddMinutes(5), 12, 0, false).Class);
    }

    [Fact]
    public void Annotated_readings_count_as_excluded_and_merge()
    {
        var stats = WindowStats.Empty.Add(ReadingClass.Annotated, 0).Merge(WindowStats.Empty.Add(ReadingClass.Annotated, 0).Add(ReadingClass.Valid, 4));
        Assert.Equal((2L, 2L, 3L, 1L), (stats.Annotated, stats.Excluded, stats.Total, stats.Valid));
    }
}
