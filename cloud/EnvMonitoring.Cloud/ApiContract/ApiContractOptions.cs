namespace EnvMonitoring.Cloud.ApiContract;

/// <summary>The served OpenAPI document (section <c>ApiContract</c>; docs/api.md).</summary>
public sealed class ApiContractOptions
{
    public const string Section = "ApiContract";

    /// <summary>The document's path.</summary>
    public const string Path = "/openapi/v1.json";

    /// <summary>
    /// Serve the document to anyone. Off by default: the document names every route, which is no
    /// secret (docs/api.md is in the repository) but need not be handed to every scanner either, so
    /// it takes a sign-in like everything else; a centre that publishes its API to integrators turns it on.
    /// </summary>
    public bool Anonymous { get; set; }
}
