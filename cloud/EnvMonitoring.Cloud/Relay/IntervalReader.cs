using EnvMonitoring.Cloud.Series;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Cloud.Relay;

/// <summary>A station's stored samples of one interval [from, to), oldest first, read through the series reader every history query uses.</summary>
internal sealed class IntervalReader(RawSampleReader reader)
{
    public async Task<List<Sample>> ReadAsync(string station, IReadOnlyList<Parameter> parameters, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var samples = new List<Sample>();
        await foreach (var page in reader.ReadAsync(station, parameters, from, to, cancellationToken))
        {
            for (var r = 0; r < page.Rows; r++)
            {
                var readings = new List<Reading>(parameters.Count);
                for (var p = 0; p < parameters.Count; p++)
                {
                    if (page.Has(r, p))
                    {
                        var status = (DeviceStatus)page.Status(r, p);
                        readings.Add(new Reading(parameters[p], page.Value(r, p), Enum.IsDefined(status) ? status : DeviceStatus.Fault));
                    }
                }

                if (readings.Count > 0)
                {
                    samples.Add(new Sample(station, DateTimeOffset.FromUnixTimeMilliseconds(page.Time(r)), readings));
                }
            }
        }

        return samples;
    }
}
