using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>The rules host's sense of time: the clock the engine judges by and how often time-driven rules run.</summary>
public sealed class RulesClock(TimeProvider time, IOptions<RulesOptions> options)
{
    public TimeProvider Time { get; } = time;

    /// <summary><see cref="RulesOptions.TickInterval"/>.</summary>
    public TimeSpan TickInterval { get; } = options.Value.TickInterval;

    public DateTimeOffset Now => Time.GetUtcNow();
}
