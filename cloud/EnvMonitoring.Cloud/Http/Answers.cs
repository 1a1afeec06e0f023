using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EnvMonitoring.Cloud.Http;

/// <summary>
/// What an endpoint answers besides success, declared beside its mapping so the OpenAPI document
/// (docs/api.md) says it: each refusal is a problem-details body (RFC 9457) with its status and
/// why. Access control's own answers (401, the roles' 403, 429) are added from the endpoint's
/// authorization and rate-limit metadata; these are the handler's.
/// </summary>
internal static class Answers
{
    /// <summary>The handler answers <paramref name="status"/> with a problem, for the reason given.</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, int status, string why)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new ProducesResponseTypeMetadata(status, status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), ["application/problem+json"]));
        return builder.WithMetadata(new Refusal(status, why));
    }

    /// <summary>400 with the fields at fault (<see cref="ValidationProblem"/>): <paramref name="why"/> says which.</summary>
    public static TBuilder RefusesInvalid<TBuilder>(this TBuilder builder, string why)
        where TBuilder : IEndpointConventionBuilder => builder.Refuses(StatusCodes.Status400BadRequest, why);

    /// <summary>403 when the station (or what it belongs to) is outside the user's parks, whether it exists or not.</summary>
    public static TBuilder RefusesOutsideParks<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.Refuses(StatusCodes.Status403Forbidden, "the station is outside the user's parks (answered before it is looked up)");

    /// <summary>503 when InfluxDB, the time-series store, does not answer.</summary>
    public static TBuilder RefusesWhenStoreDown<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.Refuses(StatusCodes.Status503ServiceUnavailable, "the time-series store (InfluxDB) is not available");
}

/// <summary>One refusal an endpoint declares: <see cref="Answers.Refuses"/>.</summary>
internal sealed record Refusal(int Status, string Why);
