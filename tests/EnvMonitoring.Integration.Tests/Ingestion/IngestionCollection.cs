namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>
/// The ingestion acceptance tests saturate the machine's two cores on purpose, so they run one
/// after another (other test classes still run beside them).
/// </summary>
[CollectionDefinition(Name)]
public sealed class IngestionCollection
{
    public const string Name = "Ingestion under load";
}
