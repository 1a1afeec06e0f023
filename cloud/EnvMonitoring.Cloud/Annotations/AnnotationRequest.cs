using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Identifiers;

namespace EnvMonitoring.Cloud.Annotations;

/// <summary>
/// The body of <c>POST /api/annotations</c>: times RFC 3339 with an offset, reason a wire name of
/// <see cref="AnnotationReason"/>, value only (and always) for <c>laboratoryValue</c>.
/// </summary>
internal sealed record AnnotationRequest(string? Station, string? Parameter, string? From, string? To, string? Reason, string? Note, double? Value)
{
    /// <summary>The longest period one annotation may cover.</summary>
    public static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(31);

    public const int MaxNote = 2000;

    /// <summary>
    /// The proposal this request makes of a registered station, or the errors that say why not
    /// (field name → messages). The station must be known; its park scope is checked by the caller.
    /// </summary>
    public AnnotationProposal? Validate(RegisteredStation? station, ParameterCatalog catalog, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(errors);
        if (station is null)
        {
            errors["station"] = ["station must be a registered station."];
        }

        Parameter? parameter = null;
        if (Parameter is null || !Identifier.IsValid(Parameter) || !catalog.TryGet(Parameter, out parameter))
        {
            errors["parameter"] = ["parameter must be a catalog code, e.g. COD."];
        }
        else if (station is { Profile.Monitored: { Count: > 0 } monitored } && !monitored.Contains(parameter))
        {
            errors["parameter"] = [$"{station.Station} does not measure {parameter.Code}: use one of {string.Join(", ", monitored.Select(p => p.Code))}."];
            parameter = null;
        }

        var from = Required(From, "from", errors);
        var to = Required(To, "to", errors);
        if (from is { } start && to is { } end)
        {
            if (end <= start)
            {
                errors["to"] = ["to must be after from."];
            }
            else if (end - start > LongestPeriod)
            {
                errors["to"] = [$"An annotation covers at most {LongestPeriod.TotalDays:0} days."];
            }
            else if (end > now)
            {
                errors["to"] = ["An annotation covers what happened: to cannot be in the future."];
            }
        }

        AnnotationReason reason = default;
        var hasReason = WireName.TryParse(Reason, out reason);
        if (!hasReason)
        {
            errors["reason"] = [$"reason must be one of {string.Join(", ", WireName.All<AnnotationReason>())}."];
        }

        if (string.IsNullOrWhiteSpace(Note))
        {
            errors["note"] = ["An annotation needs a note saying what happened."];
        }
        else if (Note.Length > MaxNote)
        {
            errors["note"] = [$"The note is at most {MaxNote} characters."];
        }

        if (hasReason && AnnotationEffect.Replaces(reason))
        {
            if (Value is not { } value || !double.IsFinite(value))
            {
                errors["value"] = [$"A laboratory value needs the value, a number in {parameter?.Unit ?? "the parameter's unit"}."];
            }
        }
        else if (Value is not null)
        {
            errors["value"] = ["value is only given with reason laboratoryValue."];
        }

        return errors.Count == 0 ? new AnnotationProposal(parameter!.Code, from!.Value, to!.Value, reason, Value) : null;
    }

    private static DateTimeOffset? Required(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            errors[name] = [$"{name} is required: an RFC 3339 time such as 2026-11-28T13:05:00+07:00."];
            return null;
        }

        return TimeArgument.Parse(text, name, errors);
    }
}
