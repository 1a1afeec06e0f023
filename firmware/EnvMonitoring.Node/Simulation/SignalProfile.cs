using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Node.Simulation;

/// <summary>
/// How one parameter behaves at a normal discharge point: <c>(Base + LoadGain × load) × (1 + noise + drift) + absolute noise</c>,
/// with load the diurnal curve (0.3 at night … 1.0 mid-afternoon). Noise figures are standard
/// deviations; drift is a slow swing (hours) of the given fraction, as an unserviced probe wanders.
/// Noise is bounded (±3 standard deviations), so at any hour, with noise and drift at their worst, a
/// value stays inside the catalog's accepted ranges and below the rules' "approaching" level (80%) of
/// the limits <c>./envmon run</c> gives its demo stations: only the scenario's incidents alert
/// (tests/EnvMonitoring.Integration.Tests/Demo).
/// </summary>
internal sealed record SignalProfile(string Code, double Base, double LoadGain, double RelativeNoise, double AbsoluteNoise, double Drift)
{
    public static IReadOnlyList<SignalProfile> Water { get; } =
    [
        new("pH", 7.1, 0, 0, 0.1, 0.01),
        new("Temp", 27, 3, 0, 0.2, 0.01),
        new("COD", 15, 27, 0.06, 0, 0.05),
        new("TSS", 6, 20, 0.08, 0, 0.05),
        new("NH4", 0.6, 2, 0.08, 0, 0.05),
        new("FlowIn", 60, 120, 0.04, 0, 0.02),
        new("FlowOut", 55, 115, 0.04, 0, 0.02),
    ];

    public static IReadOnlyList<SignalProfile> Air { get; } =
    [
        new("Dust", 40, 60, 0.08, 0, 0.05),
        new("SO2", 100, 180, 0.06, 0, 0.03),
        new("NOx", 200, 250, 0.06, 0, 0.03),
        new("CO", 150, 300, 0.08, 0, 0.03),
        new("O2", 9, 0, 0, 0.4, 0.02),
        new("GasFlow", 30_000, 40_000, 0.03, 0, 0.02),
        new("GasTemp", 140, 30, 0, 1.5, 0.01),
        new("Pressure", 101.3, 0, 0, 0.15, 0.001),
    ];

    public static IReadOnlyList<SignalProfile> For(Medium medium) => medium == Medium.Water ? Water : Air;

    /// <summary>The value at full load without noise: the span standard of a calibration.</summary>
    public double Nominal => Base + LoadGain;
}
