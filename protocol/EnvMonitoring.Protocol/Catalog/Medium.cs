namespace EnvMonitoring.Protocol.Catalog;

/// <summary>What a parameter is measured in: wastewater or a stack's exhaust gas.</summary>
public enum Medium
{
    Water,
    Air,
}
