namespace EnvMonitoring.Integration.Tests.Metrics;

/// <summary>
/// The tests that read a gateway's or a node's <c>/metrics</c> run alone, after every other test
/// class. OpenTelemetry listens to meters by name across the whole process, so an in-process
/// gateway's endpoint would also report the instruments of any other gateway a parallel test
/// hosts in the same test process (a deployed gateway or node is one per process: docs/metrics.md).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Field metrics, alone";
}
