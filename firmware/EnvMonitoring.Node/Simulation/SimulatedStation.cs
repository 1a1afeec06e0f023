using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Node.Simulation;

/// <summary>
/// Plausible signals for one discharge point: a diurnal load curve (low at night, peaking in the
/// working day, local time UTC+7) driving flow and pollutant concentrations, plus noise. Seeded
/// by the station id, so a station's series is repeatable. Scripted incidents come with the
/// sensor-node issue.
/// </summary>
public sealed class SimulatedStation
{
    private static readonly TimeSpan LocalOffset = TimeSpan.FromHours(7);

    private readonly Random _noise;
    private readonly ParameterCatalog _catalog;
    private long _seq;

    public SimulatedStation(string station, Medium medium, ParameterCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Station = station;
        Medium = medium;
        _catalog = catalog;
        _noise = new Random(StableSeed(station));
    }

    public string Station { get; }

    public Medium Medium { get; }

    public Sample Next(DateTimeOffset now)
    {
        var local = now.ToOffset(LocalOffset);
        var load = Load(local);
        var readings = Medium == Medium.Water ? Water(load) : Air(load);
        return new Sample(Station, local, readings, _seq++);
    }

    /// <summary>0.3 at night to 1.0 at the mid-afternoon peak.</summary>
    private static double Load(DateTimeOffset local)
    {
        var hour = local.TimeOfDay.TotalHours;
        return 0.65 + (0.35 * Math.Sin((hour - 9) / 24 * 2 * Math.PI));
    }

    private Reading[] Water(double load) =>
    [
        Reading("pH", 7.1 + Noise(0.15)),
        Reading("Temp", 27 + (3 * load) + Noise(0.3)),
        Reading("COD", (25 + (45 * load)) * (1 + Noise(0.08))),
        Reading("TSS", (10 + (25 * load)) * (1 + Noise(0.1))),
        Reading("NH4", (1 + (3 * load)) * (1 + Noise(0.1))),
        Reading("FlowIn", (60 + (120 * load)) * (1 + Noise(0.05))),
        Reading("FlowOut", (55 + (115 * load)) * (1 + Noise(0.05))),
    ];

    private Reading[] Air(double load) =>
    [
        Reading("Dust", (40 + (60 * load)) * (1 + Noise(0.1))),
        Reading("SO2", (120 + (200 * load)) * (1 + Noise(0.08))),
        Reading("NOx", (200 + (250 * load)) * (1 + Noise(0.08))),
        Reading("CO", (150 + (300 * load)) * (1 + Noise(0.1))),
        Reading("O2", 9 + Noise(0.5)),
        Reading("GasFlow", (30_000 + (40_000 * load)) * (1 + Noise(0.03))),
        Reading("GasTemp", 140 + (30 * load) + Noise(2)),
        Reading("Pressure", 101.3 + Noise(0.2)),
    ];

    private Reading Reading(string code, double value) => new(_catalog[code], Math.Round(value, 3));

    /// <summary>Roughly normal noise with the given standard deviation.</summary>
    private double Noise(double sigma) => sigma * ((_noise.NextDouble() + _noise.NextDouble() + _noise.NextDouble() - 1.5) * 2);

    private static int StableSeed(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
