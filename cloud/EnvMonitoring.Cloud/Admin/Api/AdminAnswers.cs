using EnvMonitoring.Cloud.Http;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>The refusals every change of an existing item declares (docs/admin.md, "Concurrency").</summary>
internal static class AdminAnswers
{
    public static TBuilder RefusesChange<TBuilder>(this TBuilder builder, string item, string? orConflict = null)
        where TBuilder : IEndpointConventionBuilder => builder
        .RefusesInvalid("a field is not valid (errors by field, in English and in errorsVi in Vietnamese), or If-Match is not a version")
        .Refuses(StatusCodes.Status404NotFound, $"no such {item}")
        .Refuses(StatusCodes.Status409Conflict, $"the {item} changed since the version in If-Match (current: it as it is now){(orConflict is null ? "" : ", " + orConflict)}")
        .Refuses(StatusCodes.Status428PreconditionRequired, "If-Match is missing: a change states the version it is based on");
}
