using System.Device.I2c;

namespace EnvMonitoring.Node.Tests.Devices;

/// <summary>
/// An ADS1115 on the I2C bus, by its datasheet (TI SBAS444, §7.5 "Register map"): a 2-bit address
/// pointer; the conversion register (0x00, read-only), the config register (0x01, reset 0x8583:
/// OS | MUX[14:12] | PGA[11:9] | MODE[8] | DR[7:5] | COMP_MODE | COMP_POL | COMP_LAT | COMP_QUE[1:0]),
/// Lo_thresh (0x02, reset 0x8000) and Hi_thresh (0x03, reset 0x7FFF), all big-endian. Writing
/// OS = 1 in single-shot mode (MODE = 1) starts a conversion; while it runs OS reads 0, and the
/// conversion register keeps the previous result until it is done. The result is the input
/// (selected by MUX) over one LSB = FS / 2^15, clamped to 0x8000 … 0x7FFF.
/// </summary>
internal sealed class SimulatedAds1115 : I2cDevice
{
    private readonly ushort[] _registers = [0x0000, 0x8583, 0x8000, 0x7FFF];
    private byte _pointer;
    private int _busyReads;
    private short _pending;

    /// <summary>Volts on AIN0 … AIN3 against GND.</summary>
    public double[] Inputs { get; } = new double[4];

    /// <summary>Config-register reads that still show a conversion under way.</summary>
    public int BusyReadsPerConversion { get; set; } = 2;

    /// <summary>When set the chip does not acknowledge (a loose connector).</summary>
    public bool Unplugged { get; set; }

    public int ConversionsStarted { get; private set; }

    /// <summary>The config of the last conversion started.</summary>
    public ushort LastConversionConfig { get; private set; }

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x48);

    public static double FullScale(ushort config) => ((config >> 9) & 0b111) switch
    {
        0 => 6.144,
        1 => 4.096,
        2 => 2.048,
        3 => 1.024,
        4 => 0.512,
        _ => 0.256,
    };

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Acknowledge();
        if (buffer.IsEmpty)
        {
            return;
        }

        // P[7:2] must be 0; P[1:0] selects the register.
        _pointer = (byte)(buffer[0] & 0b11);
        if (buffer.Length >= 3)
        {
            WriteRegister(_pointer, (ushort)((buffer[1] << 8) | buffer[2]));
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Read(Span<byte> buffer)
    {
        Acknowledge();
        var value = ReadRegister(_pointer);
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = i switch
            {
                0 => (byte)(value >> 8),
                1 => (byte)value,
                _ => 0xFF,
            };
        }
    }

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void Acknowledge()
    {
        if (Unplugged)
        {
            throw new IOException("Error 121 performing I2C data transfer (no acknowledge from 0x48).");
        }
    }

    private void WriteRegister(byte register, ushort value)
    {
        switch (register)
        {
            case 0:
                // The conversion register is read-only.
                return;
            case 1:
                var singleShot = (value & 0x0100) != 0;
                _registers[1] = (ushort)(value & 0x7FFF);
                if ((value & 0x8000) != 0 && singleShot)
                {
                    ConversionsStarted++;
                    LastConversionConfig = value;
                    _pending = Convert(value);
                    _busyReads = BusyReadsPerConversion;
                    if (_busyReads == 0)
                    {
                        _registers[0] = (ushort)_pending;
                    }
                }
                else if (!singleShot)
                {
                    // Continuous mode converts all the time; the register always holds a recent result.
                    _registers[0] = (ushort)Convert(value);
                }

                return;
            default:
                _registers[register] = value;
                return;
        }
    }

    private ushort ReadRegister(byte register)
    {
        if (register != 1)
        {
            return _registers[register];
        }

        var config = _registers[1];
        if ((config & 0x0100) == 0)
        {
            // Continuous mode: always converting.
            return config;
        }

        if (_busyReads > 0)
        {
            _busyReads--;
            if (_busyReads == 0)
            {
                _registers[0] = (ushort)_pending;
            }

            return config;
        }

        return (ushort)(config | 0x8000);
    }

    private short Convert(ushort config)
    {
        var volts = ((config >> 12) & 0b111) switch
        {
            0 => Inputs[0] - Inputs[1],
            1 => Inputs[0] - Inputs[3],
            2 => Inputs[1] - Inputs[3],
            3 => Inputs[2] - Inputs[3],
            var single => Inputs[single - 4],
        };
        var code = Math.Round(volts * 32768 / FullScale(config));
        return (short)Math.Clamp(code, short.MinValue, short.MaxValue);
    }
}
