namespace EnvMonitoring.Protocol.Catalog;

/// <summary>The shape of <c>parameters.json</c>.</summary>
internal sealed class CatalogFile
{
    public int Version { get; set; }

    public string? Source { get; set; }

    public List<CatalogEntry>? Parameters { get; set; }
}

internal sealed class CatalogEntry
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? Unit { get; set; }

    public string? Medium { get; set; }

    public double AcceptedMin { get; set; }

    public double AcceptedMax { get; set; }
}
