using EnvMonitoring.Node.Probes;
using EnvMonitoring.Protocol.Catalog;
using UnitsNet;

namespace EnvMonitoring.Node.Tests.Support;

/// <summary>A probe that returns what the test says, and remembers the compensation temperature it was given.</summary>
internal sealed class ScriptedProbe(string code, params ProbeReading[] reads) : IProbe, ITemperatureCompensated
{
    private readonly Queue<ProbeReading> _reads = new(reads);

    public Parameter Parameter { get; } = ParameterCatalog.Default[code];

    public List<(int Read, double Celsius)> Compensations { get; } = [];

    public int Reads { get; private set; }

    public ProbeReading Read()
    {
        Reads++;
        return _reads.Count > 1 ? _reads.Dequeue() : _reads.Peek();
    }

    public void Compensate(Temperature temperature) => Compensations.Add((Reads, temperature.DegreesCelsius));
}
