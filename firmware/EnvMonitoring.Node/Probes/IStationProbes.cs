namespace EnvMonitoring.Node.Probes;

/// <summary>The probes of every station of the node, from the configured backend; disposing releases the devices.</summary>
internal interface IStationProbes : IDisposable
{
    IReadOnlyList<IProbe> For(string station);
}
