using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Http;

/// <summary>
/// Expensive calls (raw readings, history, compliance reports, evidence exports, an alert's stored
/// events, the alert list with its shift log) run at most <see cref="RequestLimitOptions.ExpensivePerUser"/> at a time for one user; up to
/// <see cref="RequestLimitOptions.ExpensiveQueuedPerUser"/> more wait their turn, oldest first, and
/// beyond that the answer is 429 with <c>Retry-After</c>. One user's flood then holds a few of the
/// host's workers and InfluxDB's, never all of them: the other users keep their speed.
/// </summary>
public static class UserRateLimit
{
    public const string Policy = "expensive-per-user";

    public static IServiceCollection AddUserRateLimit(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, ExpensiveCallPolicy>(Policy));
        return services;
    }

    /// <summary>Puts the endpoint (or group) under the per-user limit of expensive calls.</summary>
    public static TBuilder RequireUserRateLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireRateLimiting(Policy);

    private sealed class ExpensiveCallPolicy(IOptions<RequestLimitOptions> options) : IRateLimiterPolicy<string>
    {
        private readonly RequestLimitOptions _options = options.Value;

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (rejected, cancellationToken) =>
        {
            rejected.HttpContext.Response.Headers.RetryAfter = "1";
            await TypedResults.Problem(
                "Too many expensive requests of yours are running or waiting; wait for the time in Retry-After.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Per-user limit reached.").ExecuteAsync(rejected.HttpContext);
        };

        /// <summary>One partition per signed-in user (the fallback policy lets no anonymous request this far; an address otherwise).</summary>
        public RateLimitPartition<string> GetPartition(HttpContext httpContext) => RateLimitPartition.GetConcurrencyLimiter(
            httpContext.User.Identity?.Name is { Length: > 0 } user ? "user:" + user : "address:" + Convert.ToString(httpContext.Connection.RemoteIpAddress, CultureInfo.InvariantCulture),
            _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = _options.ExpensivePerUser,
                QueueLimit = _options.ExpensiveQueuedPerUser,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
    }
}

/// <summary>Per-user limits of expensive calls (section <c>RequestLimits</c>; docs/security.md).</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "RequestLimits";

    /// <summary>Expensive calls of one user running at once.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int ExpensivePerUser { get; set; } = 4;

    /// <summary>Expensive calls of one user waiting for a turn; more get 429.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1024)]
    public int ExpensiveQueuedPerUser { get; set; } = 16;
}
