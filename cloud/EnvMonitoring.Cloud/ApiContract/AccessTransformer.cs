using System.Globalization;
using System.Text.Json.Nodes;
using EnvMonitoring.Cloud.Http;
using EnvMonitoring.Cloud.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace EnvMonitoring.Cloud.ApiContract;

/// <summary>
/// Completes an operation from its endpoint's metadata. Who may call it, read the way the
/// authorization middleware reads it (<see cref="EndpointAccess"/>): the security requirement with
/// the roles (OpenAPI 3.1 lets a non-OAuth requirement list them), <c>x-envmon-roles</c>,
/// <c>x-envmon-policies</c>, <c>x-envmon-every-park</c>. What it answers besides success: the
/// handler's refusals (<see cref="Answers"/>) and access control's own — 401, 403 (a role, every
/// park, a cross-site state change), 429 (a rate limit) — each described by why.
/// </summary>
internal sealed class AccessTransformer(IAuthorizationPolicyProvider policies) : IOpenApiOperationTransformer
{
    /// <summary>The policies whose assertion is that the user is bound to no park (<see cref="ParkScope.IsAll"/>).</summary>
    private static readonly string[] EveryParkPolicies = [Policies.Admin, Policies.AllParks];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken) =>
        DescribeAsync(operation, context.Description.ActionDescriptor.EndpointMetadata, context.Description.HttpMethod ?? HttpMethods.Get, context.Document!,
            policies, type => context.GetOrCreateSchemaAsync(type, null, cancellationToken));

    /// <summary>Writes access and refusals into <paramref name="operation"/>; also for routes that are not handlers (<see cref="PlainEndpoints"/>).</summary>
    public static async Task DescribeAsync(
        OpenApiOperation operation, IEnumerable<object> metadata, string method, OpenApiDocument document, IAuthorizationPolicyProvider policies, Func<Type, Task<OpenApiSchema>> schemaOf)
    {
        var access = await EndpointAccess.OfAsync(metadata, policies);
        var reasons = new SortedDictionary<int, List<string>>();
        foreach (var refusal in metadata.OfType<Refusal>())
        {
            Add(reasons, refusal.Status, refusal.Why);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            Add(reasons, StatusCodes.Status429TooManyRequests, "too many requests: wait for the seconds in Retry-After");
        }

        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            Add(reasons, StatusCodes.Status403Forbidden, "a cookie-signed request from another origin (cross-site; HTTP Basic is exempt)");
        }

        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
        if (!access.Anonymous)
        {
            operation.Security ??= [];
            foreach (var scheme in new[] { SecuritySchemes.Cookie, SecuritySchemes.Basic })
            {
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [.. access.Roles] });
            }

            var everyPark = access.Policies.Intersect(EveryParkPolicies, StringComparer.Ordinal).Any();
            operation.Extensions["x-envmon-roles"] = new JsonNodeExtension(new JsonArray([.. access.Roles.Select(r => (JsonNode?)r)]));
            operation.Extensions["x-envmon-policies"] = new JsonNodeExtension(new JsonArray([.. access.Policies.Select(p => (JsonNode?)p)]));
            operation.Extensions["x-envmon-every-park"] = new JsonNodeExtension(JsonValue.Create(everyPark));
            Add(reasons, StatusCodes.Status401Unauthorized, "not signed in, or a wrong name or password");
            if (access.Roles.Count < Roles.All.Count)
            {
                Add(reasons, StatusCodes.Status403Forbidden, $"the user holds none of the roles {string.Join(", ", access.Roles)}");
            }

            if (everyPark)
            {
                Add(reasons, StatusCodes.Status403Forbidden, "the user is bound to some parks (this takes a user of every park)");
            }
        }

        operation.Responses ??= [];
        foreach (var (status, why) in reasons)
        {
            var key = status.ToString(CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(key, out var existing) || existing is not OpenApiResponse response)
            {
                response = new OpenApiResponse
                {
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/problem+json"] = new OpenApiMediaType { Schema = await ProblemSchemaAsync(document, schemaOf) } },
                };
                operation.Responses[key] = response;
            }

            response.Description = string.Concat(char.ToUpperInvariant(why[0][0]).ToString(), why[0].AsSpan(1), why.Count > 1 ? "; or " + string.Join("; or ", why.Skip(1)) : "", ".");
        }
    }

    /// <summary>A reference to the one problem-details schema of the document, added when no handler declared it.</summary>
    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiDocument document, Func<Type, Task<OpenApiSchema>> schemaOf)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        if (!document.Components.Schemas.ContainsKey(nameof(ProblemDetails)))
        {
            document.Components.Schemas[nameof(ProblemDetails)] = await schemaOf(typeof(ProblemDetails));
        }

        return new OpenApiSchemaReference(nameof(ProblemDetails), document);
    }

    private static void Add(SortedDictionary<int, List<string>> reasons, int status, string why)
    {
        if (!reasons.TryGetValue(status, out var list))
        {
            reasons[status] = list = [];
        }

        if (!list.Contains(why, StringComparer.Ordinal))
        {
            list.Add(why);
        }
    }
}
