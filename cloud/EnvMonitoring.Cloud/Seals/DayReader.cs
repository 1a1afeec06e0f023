using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>A station-day as InfluxDB holds it now, as sealable items: its samples and its alert events.</summary>
public sealed class DayReader(SampleHistory history, AlertEventStore events)
{
    /// <summary>An event is stored at the millisecond the engine saw it or a little later (the journal keeps them distinct).</summary>
    private static readonly TimeSpan EventSlack = TimeSpan.FromMinutes(1);

    public async Task<List<StoredItem>> ReadAsync(string station, DateOnly day, CancellationToken cancellationToken)
    {
        var start = ProvinceTime.StartOf(day);
        var items = new List<StoredItem>();
        await foreach (var (_, sample) in history.ReadAsync(station, start, start.AddDays(1), cancellationToken))
        {
            items.Add(new StoredItem(SealItems.Of(sample), SealItems.Readings(sample)));
        }

        foreach (var (storedAt, seq, json, e) in await events.ReadStoredAsync(station, start, start.AddDays(1) + EventSlack, cancellationToken))
        {
            // An event whose JSON no longer reads is still an item (by its stored time and seq): it cannot match its seal.
            var item = e is null ? SealEncoder.Event(station, storedAt, seq, json) : SealItems.Of(e, json);
            if (ProvinceTime.DayOf(DateTimeOffset.FromUnixTimeMilliseconds(item.Time)) == day)
            {
                items.Add(new StoredItem(item, [], json));
            }
        }

        return items;
    }
}
