namespace EnvMonitoring.Node;

/// <summary>Where a node's readings come from.</summary>
public enum NodeBackend
{
    /// <summary>The probes of <see cref="NodeOptions.Channels"/>, through I2C, SPI and GPIO.</summary>
    Hardware,

    /// <summary>Invented but plausible signals, with the incidents of a scenario file (demo and tests).</summary>
    Simulator,
}
