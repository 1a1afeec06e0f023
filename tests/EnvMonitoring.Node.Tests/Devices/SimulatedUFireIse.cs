using System.Buffers.Binary;
using System.Device.I2c;

namespace EnvMonitoring.Node.Tests.Devices;

/// <summary>
/// A uFire ISE probe interface on I2C (address 0x3F), as its firmware and Arduino library speak:
/// a register pointer set by the first byte of every write, further bytes of the write stored from
/// there on, reads returning bytes from the pointer on (auto-incrementing). Values are 32-bit
/// little-endian floats: 0x01 mV, 0x05 temperature (°C), 0x09 single-point offset, 0x0D/0x11
/// reference high/low, 0x15/0x19 reading high/low, 0x1D solution, 0x21 buffer; bytes 0x00 hardware
/// version, 0x25 firmware version, 0x26 config, 0x27 task. Writing a command to the task register
/// runs it: 80 measures mV, 40 measures temperature.
/// </summary>
internal sealed class SimulatedUFireIse : I2cDevice
{
    public const byte MillivoltRegister = 0x01;
    public const byte TemperatureRegister = 0x05;
    public const byte TaskRegister = 0x27;
    public const byte MeasureMillivolts = 80;
    public const byte MeasureTemperature = 40;

    private readonly byte[] _memory = new byte[0x40];
    private byte _pointer;

    public SimulatedUFireIse()
    {
        _memory[0x00] = 0x1A;
        _memory[0x25] = 0x1F;
    }

    /// <summary>The electrode's potential against the reference junction.</summary>
    public double ElectrodeMillivolts { get; set; }

    public double ProbeCelsius { get; set; } = 25;

    public bool Unplugged { get; set; }

    public int Measurements { get; private set; }

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x3F);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Acknowledge();
        if (buffer.IsEmpty)
        {
            return;
        }

        _pointer = buffer[0];
        for (var i = 1; i < buffer.Length; i++)
        {
            _memory[(_pointer + i - 1) % _memory.Length] = buffer[i];
        }

        if (buffer.Length > 1 && _pointer <= TaskRegister && _pointer + buffer.Length - 1 > TaskRegister)
        {
            Run(_memory[TaskRegister]);
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Read(Span<byte> buffer)
    {
        Acknowledge();
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _memory[_pointer];
            _pointer = (byte)((_pointer + 1) % _memory.Length);
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
            throw new IOException("Error 121 performing I2C data transfer (no acknowledge from 0x3F).");
        }
    }

    private void Run(byte command)
    {
        switch (command)
        {
            case MeasureMillivolts:
                Measurements++;
                BinaryPrimitives.WriteSingleLittleEndian(_memory.AsSpan(MillivoltRegister), (float)ElectrodeMillivolts);
                break;
            case MeasureTemperature:
                BinaryPrimitives.WriteSingleLittleEndian(_memory.AsSpan(TemperatureRegister), (float)ProbeCelsius);
                break;
        }

        _memory[TaskRegister] = 0;
    }
}
