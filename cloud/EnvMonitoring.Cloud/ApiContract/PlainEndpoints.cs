using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.SignalR;
using Microsoft.OpenApi;

namespace EnvMonitoring.Cloud.ApiContract;

/// <summary>
/// Routes mapped with a plain request delegate rather than a handler method (Prometheus's
/// <c>/metrics</c>), which ASP.NET's API explorer leaves out: described here from their endpoint
/// metadata, so the document holds every route an integrator can call. The SignalR hub is not an
/// HTTP API (its negotiation and transports are SignalR's protocol; docs/live.md describes it).
/// </summary>
internal sealed class PlainEndpoints(EndpointDataSource endpoints, IAuthorizationPolicyProvider policies) : IOpenApiDocumentTransformer
{
    /// <summary>What the known plain routes are and what they answer (other ones get their display name).</summary>
    private static readonly Dictionary<string, (string Summary, string ContentType)> Known = new(StringComparer.Ordinal)
    {
        ["/metrics"] = ("The host's metrics in Prometheus's text exposition format, for scraping (docs/ingestion.md).", "text/plain"),
    };

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Paths ??= [];
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<MethodInfo>() is not null || endpoint.Metadata.GetMetadata<HubMetadata>() is not null)
            {
                continue;
            }

            var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
            var (summary, contentType) = Known.TryGetValue(path, out var known) ? known : (endpoint.DisplayName ?? path, "application/octet-stream");
            if (!document.Paths.TryGetValue(path, out var item) || item is not OpenApiPathItem pathItem)
            {
                document.Paths[path] = pathItem = new OpenApiPathItem();
            }

            foreach (var method in methods)
            {
                var operation = new OpenApiOperation
                {
                    Summary = summary,
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "OK",
                            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [contentType] = new OpenApiMediaType() },
                        },
                    },
                };
                await AccessTransformer.DescribeAsync(operation, endpoint.Metadata, method, document, policies,
                    type => context.GetOrCreateSchemaAsync(type, null, cancellationToken));
                pathItem.AddOperation(new HttpMethod(method), operation);
            }
        }
    }
}
