namespace EnvMonitoring.Protocol.Catalog;

/// <summary>A parameter catalog file that cannot be used, with the reason.</summary>
public sealed class CatalogException : Exception
{
    public CatalogException(string message)
        : base(message)
    {
    }

    public CatalogException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
