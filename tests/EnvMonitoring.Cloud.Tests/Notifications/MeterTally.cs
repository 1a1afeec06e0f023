using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace EnvMonitoring.Cloud.Tests.Notifications;

/// <summary>Sums the counters of one host's meters (by its <see cref="IMeterFactory"/>), by name and tags.</summary>
internal sealed class MeterTally : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new();

    public MeterTally(IMeterFactory owner)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, owner))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + string.Concat(tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $";{t.Key}={t.Value}"));
            _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    /// <summary>E.g. <c>envmon.notifications.sent;channel=webhook;receiver=ops</c>.</summary>
    public long this[string key] => _sums.GetValueOrDefault(key);

    public void Dispose() => _listener.Dispose();
}
