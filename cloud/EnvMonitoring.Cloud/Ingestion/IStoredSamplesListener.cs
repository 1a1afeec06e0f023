namespace EnvMonitoring.Cloud.Ingestion;

/// <summary>
/// Told of samples as ingestion stored them (as first accepted, repeats included, before they are
/// acknowledged), so what they feed is never behind what InfluxDB holds. May wait (ingestion then waits), never drop.
/// </summary>
public interface IStoredSamplesListener
{
    ValueTask OnStoredAsync(IReadOnlyList<StoredSamples> stored, CancellationToken cancellationToken);
}
