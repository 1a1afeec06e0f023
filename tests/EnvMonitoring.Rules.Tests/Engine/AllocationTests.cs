using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using static EnvMonitoring.Rules.Tests.StationHarness;

namespace EnvMonitoring.Rules.Tests.Engine;

/// <summary>The common path (readings within limits updating the windows) allocates nothing, which is what lets it run at millions of readings a second.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void Readings_within_limits_allocate_nothing()
    {
        var station = new StationHarness(Qcvn40B(), monitored: ["FlowOut"]);
        var readings = new Reading[] { R("pH", 7.2), R("Temp", 29), R("COD", 45), R("TSS", 12), R("NH4", 2), R("FlowOut", 120) };
        var events = new List<AlertEvent>();
        var at = Midnight;

        void Run(int samples)
        {
            for (var i = 0; i < samples; i++)
            {
                at = at.AddMinutes(5);
                station.Time.SetUtcNow(at);
                // Values move a little, as real ones do, so the flat-line rule stays quiet.
                readings[2] = R("COD", 45 + (i % 7));
                readings[0] = R("pH", 7.2 + (i % 3 * 0.01));
                readings[1] = R("Temp", 29 + (i % 5 * 0.1));
                readings[3] = R("TSS", 12 + (i % 4));
                readings[4] = R("NH4", 2 + (i % 6 * 0.1));
                readings[5] = R("FlowOut", 120 + (i % 9));
                station.Engine.Evaluate(Station, at, readings, events);
            }
        }

        Run(1_000); // past the first day: windows full, days closed
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Empty(events);
        Assert.Equal(0, allocated);
    }
}
