namespace EnvMonitoring.Node.Channels;

/// <summary>How a channel's probe is wired to the node.</summary>
public enum ProbeKind
{
    /// <summary>An analyser's 4–20 mA output across a shunt resistor, read by an ADS1115 ADC (I2C).</summary>
    CurrentLoop,

    /// <summary>A pH electrode on a uFire ISE probe interface (I2C).</summary>
    Ph,

    /// <summary>A PT100/PT1000 resistance thermometer on a MAX31865 converter (SPI).</summary>
    Rtd,

    /// <summary>A flow meter's pulse output on a GPIO pin.</summary>
    PulseFlow,
}
