namespace EnvMonitoring.Integration.Tests.Metrics;

/// <summary>What the dashboard check's PromQL tokenizer takes for metric names, and what it does not.</summary>
public sealed class PromQlNamesTests
{
    [Theory]
    [InlineData("envmon_gateway_backlog_bytes", "envmon_gateway_backlog_bytes")]
    [InlineData("envmon_gateway_backlog_bytes / envmon_gateway_log_limit_bytes", "envmon_gateway_backlog_bytes envmon_gateway_log_limit_bytes")]
    [InlineData("sum by (park, reason) (increase(envmon_gateway_refusals_total[15m]))", "envmon_gateway_refusals_total")]
    [InlineData("histogram_quantile(0.95, sum by (le) (rate(envmon_ingestion_lag_seconds_bucket[5m])))", "envmon_ingestion_lag_seconds_bucket")]
    [InlineData("up{job=~\"envmon-.*\", instance!=\"by(x)\"}", "up")]
    [InlineData("a - ignoring(stage) b offset 5m", "a b")]
    [InlineData("rate(x{a=\"}\"}[1m]) > bool 1e3", "x")]
    public void Finds_the_metric_names_and_skips_functions_keywords_labels_and_numbers(string expression, string expected) =>
        Assert.Equal(expected.Split(' '), PromQlNames.Of(expression));
}
