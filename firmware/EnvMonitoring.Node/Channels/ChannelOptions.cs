using System.Device.Gpio;
using Iot.Device.Ads1115;
using Iot.Device.Max31865;

namespace EnvMonitoring.Node.Channels;

/// <summary>
/// One probe wired to the node (<c>Node:Channels:N</c>), reporting one catalog parameter of one
/// station. Which settings matter depends on <see cref="Kind"/>; see docs/firmware.md.
/// </summary>
public sealed class ChannelOptions
{
    /// <summary>The station the reading belongs to; may be left out when the node has one station.</summary>
    public string? Station { get; set; }

    /// <summary>Catalog code, e.g. <c>COD</c>; the value is reported in the catalog's canonical unit.</summary>
    public string Parameter { get; set; } = "";

    public ProbeKind Kind { get; set; }

    /// <summary>I2C bus number (<c>/dev/i2c-N</c>) of an ADS1115 or uFire ISE.</summary>
    public int I2cBus { get; set; } = 1;

    /// <summary>I2C address; defaults to 0x48 (ADS1115, ADDR to GND) or 0x3F (uFire ISE).</summary>
    public int? I2cAddress { get; set; }

    /// <summary>ADS1115 input the shunt is on (single-ended <c>AIN0</c>…<c>AIN3</c>).</summary>
    public InputMultiplexer Input { get; set; } = InputMultiplexer.AIN0;

    /// <summary>Shunt resistor across which the 4–20 mA loop is read (150 Ω: 20 mA = 3.0 V).</summary>
    public double ShuntOhms { get; set; } = 150;

    /// <summary>The analyser's value at 4 mA, in the canonical unit.</summary>
    public double RangeMin { get; set; }

    /// <summary>The analyser's value at 20 mA, in the canonical unit.</summary>
    public double RangeMax { get; set; }

    /// <summary>SPI bus of a MAX31865.</summary>
    public int SpiBus { get; set; }

    /// <summary>SPI chip select of a MAX31865.</summary>
    public int ChipSelect { get; set; }

    /// <summary>The MAX31865 board's reference resistor (430 Ω on common PT100 boards, 4300 Ω for PT1000).</summary>
    public double ReferenceOhms { get; set; } = 430;

    public PlatinumResistanceThermometerType RtdType { get; set; } = PlatinumResistanceThermometerType.Pt100;

    public ResistanceTemperatureDetectorWires RtdWires { get; set; } = ResistanceTemperatureDetectorWires.ThreeWire;

    /// <summary>GPIO pin (logical numbering) of a pulse flow meter.</summary>
    public int Pin { get; set; } = -1;

    /// <summary>The flow meter's K-factor.</summary>
    public double PulsesPerCubicMetre { get; set; }

    /// <summary>Which edge is one pulse; open-collector outputs with the pin pulled up pulse low.</summary>
    public PinEventTypes PulseEdge { get; set; } = PinEventTypes.Falling;

    /// <summary>Edges closer together than this are contact bounce (reed switches), not pulses.</summary>
    public TimeSpan PulseDebounce { get; set; }

    /// <summary>pH compensation temperature when the station has no <c>Temp</c> channel (°C).</summary>
    public double CompensationCelsius { get; set; } = 25;

    /// <summary>Two points (offset and slope) or more (piecewise linear); none means the probe's own conversion.</summary>
    public List<CalibrationPoint> Calibration { get; set; } = [];

    /// <summary>GPIO pin of a maintenance switch (to ground, internal pull-up) that marks readings as calibrating while closed.</summary>
    public int? CalibrationPin { get; set; }
}
