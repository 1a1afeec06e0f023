using System.Diagnostics;

namespace EnvMonitoring.Cloud.Tests.Cluster;

/// <summary>
/// Every custodian call of every instance in a test, in the order they happened (one lock for
/// all), so a test can prove that no park was ever served by two instances at once.
/// </summary>
internal sealed class CustodyJournal
{
    private readonly Lock _gate = new();
    private readonly List<CustodyEvent> _events = [];

    public IReadOnlyList<CustodyEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public void Add(string instance, string park, CustodyStep step, bool leaseLost = false)
    {
        lock (_gate)
        {
            _events.Add(new CustodyEvent(instance, park, step, leaseLost, Stopwatch.GetTimestamp()));
        }
    }

    public IReadOnlyList<CustodyEvent> Of(string instance, CustodyStep step) => [.. Events.Where(e => e.Instance == instance && e.Step == step)];

    /// <summary>
    /// Each park's custody intervals, from a take-up's start to the end of its hand-over (or a
    /// failed take-up's end), never overlap across instances. Returns the first overlap found.
    /// </summary>
    public string? FirstOverlap()
    {
        var serving = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in Events)
        {
            switch (e.Step)
            {
                case CustodyStep.TakeUpStarted:
                    if (serving.TryGetValue(e.Park, out var other) && other != e.Instance)
                    {
                        return $"{e.Instance} started taking up {e.Park} while {other} still served it";
                    }

                    serving[e.Park] = e.Instance;
                    break;
                case CustodyStep.TakeUpFailed or CustodyStep.HandedOver:
                    // A custodian whose take-up failed is not handed over: its failure ends its custody.
                    if (serving.GetValueOrDefault(e.Park) == e.Instance)
                    {
                        serving.Remove(e.Park);
                    }

                    break;
                default:
                    break;
            }
        }

        return null;
    }
}

internal enum CustodyStep
{
    TakeUpStarted,
    TakenUp,
    TakeUpFailed,
    HandOverStarted,
    HandedOver,
}

internal sealed record CustodyEvent(string Instance, string Park, CustodyStep Step, bool LeaseLost, long At);
