using System.Device.Spi;

namespace EnvMonitoring.Node.Tests.Devices;

/// <summary>
/// A MAX31865 on SPI, by its datasheet (Maxim 19-6478, "Register map"): the first byte of a
/// transfer is the address, bit 7 set for a write (0x80 config, 0x83–0x86 fault thresholds), clear
/// for a read (0x00 config, 0x01–0x02 RTD MSB/LSB, 0x03–0x06 thresholds, 0x07 fault status), with
/// the address auto-incrementing. Config bits: D7 VBIAS, D6 auto conversion, D5 one-shot
/// (self-clearing), D4 3-wire, D3:D2 fault detection, D1 fault status clear (self-clearing), D0
/// 50 Hz filter. A one-shot with the bias on converts the RTD-to-reference ratio to 15 bits
/// (ADC code = R_RTD × 2^15 / R_REF); the RTD registers hold it left-aligned with the fault bit in
/// D0. An open element reads full scale. The fault status register latches the threshold faults
/// (D7 high: code ≥ high threshold, D6 low: code ≤ low threshold) plus any injected fault bits
/// until a fault-status clear.
/// </summary>
internal sealed class SimulatedMax31865 : SpiDevice
{
    private readonly byte[] _registers = [0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00];

    public SimulatedMax31865(double referenceOhms) => ReferenceOhms = referenceOhms;

    public double ReferenceOhms { get; }

    /// <summary>The element's resistance; infinity is an open (broken) element.</summary>
    public double RtdOhms { get; set; } = 100;

    /// <summary>Fault status bits a conversion reports besides the thresholds (0x04: over/undervoltage).</summary>
    public byte InjectedFaults { get; set; }

    public int Conversions { get; private set; }

    public byte Config => _registers[0];

    public override SpiConnectionSettings ConnectionSettings { get; } = new(0, 0) { Mode = SpiMode.Mode1 };

    public static ushort Code(double rtdOhms, double referenceOhms) =>
        double.IsFinite(rtdOhms) ? (ushort)Math.Clamp(Math.Floor(rtdOhms * 32768 / referenceOhms), 0, 0x7FFF) : (ushort)0x7FFF;

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        if (writeBuffer.IsEmpty)
        {
            return;
        }

        var address = writeBuffer[0];
        if (readBuffer.Length > 0)
        {
            // SDO is high-impedance while the address byte is clocked in.
            readBuffer[0] = 0xFF;
        }

        var length = Math.Max(writeBuffer.Length, readBuffer.Length);
        for (var i = 1; i < length; i++)
        {
            var register = ((address & 0x7F) + i - 1) & 0x07;
            if ((address & 0x80) != 0)
            {
                if (i < writeBuffer.Length)
                {
                    WriteRegister(register, writeBuffer[i]);
                }
            }
            else if (i < readBuffer.Length)
            {
                readBuffer[i] = _registers[register];
            }
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var ignored = new byte[buffer.Length];
        TransferFullDuplex(buffer, ignored);
    }

    public override void Read(Span<byte> buffer) => buffer.Fill(0xFF);

    public override void WriteByte(byte value) => Write([value]);

    public override byte ReadByte() => 0xFF;

    private void WriteRegister(int register, byte value)
    {
        switch (register)
        {
            case 0:
                if ((value & 0x02) != 0)
                {
                    _registers[7] = 0;
                    _registers[2] &= 0xFE;
                }

                // One-shot and fault-status clear clear themselves; a fault detection cycle ends at once.
                _registers[0] = (byte)(value & ~(0x20 | 0x0C | 0x02));
                if ((value & 0x20) != 0 && (value & 0x80) != 0 && (value & 0x40) == 0)
                {
                    Convert();
                }

                return;
            case >= 3 and <= 6:
                _registers[register] = value;
                return;
            default:
                // RTD data and fault status are read-only.
                return;
        }
    }

    private void Convert()
    {
        Conversions++;
        var code = Code(RtdOhms, ReferenceOhms);
        var high = ((_registers[3] << 8) | _registers[4]) >> 1;
        var low = ((_registers[5] << 8) | _registers[6]) >> 1;
        var faults = InjectedFaults;
        if (code >= high)
        {
            faults |= 0x80;
        }

        if (code <= low)
        {
            faults |= 0x40;
        }

        _registers[7] |= faults;
        _registers[1] = (byte)(code >> 7);
        _registers[2] = (byte)(((code << 1) & 0xFE) | (_registers[7] != 0 ? 1 : 0));
    }
}
