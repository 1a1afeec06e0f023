using System.Net;
using System.Reflection;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Cloud.ApiContract;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace EnvMonitoring.Integration.Tests.ApiContract;

/// <summary>
/// Issue 22, item 3: the OpenAPI document the host serves against the routes it maps. Every
/// <see cref="RouteEndpoint"/> of the host's <see cref="EndpointDataSource"/> must be in it with its
/// route and query parameters and who may call it — the roles and park scope read by asking the
/// host's own authorization service about users of each role — and every answer the host gives to
/// a call of each operation must be one the document declares.
/// </summary>
public sealed class ApiContractTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    /// <summary>The OpenAPI document's own route: it describes the API, it is not part of it.</summary>
    private const string DocumentRoute = "/openapi/{documentName}.json";

    [Fact]
    public async Task Every_mapped_route_is_in_the_document_with_its_parameters_and_roles()
    {
        await using var cloud = await CloudHost.StartAsync(influx.Server, $"api_{Guid.NewGuid():N}");
        using var document = await ApiDocument.ReadAsync(cloud.Http);
        var paths = document.RootElement.GetProperty("paths");
        var authorization = cloud.Services.GetRequiredService<IAuthorizationService>();
        var policies = cloud.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var problems = new List<string>();
        var described = 0;
        foreach (var endpoint in cloud.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            // The SignalR hub (/hubs/live and its negotiation) speaks SignalR's protocol, not an HTTP API: docs/live.md describes it.
            if (endpoint.Metadata.GetMetadata<HubMetadata>() is not null || route == DocumentRoute)
            {
                continue;
            }

            var path = ApiDocument.PathOf(endpoint.RoutePattern);
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var name = $"{method} {path}";
                if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
                {
                    problems.Add($"{name} is mapped but not in the document");
                    continue;
                }

                described++;
                problems.AddRange(Parameters(endpoint, method, operation).Select(p => $"{name}: {p}"));
                problems.AddRange((await AccessAsync(endpoint, operation, authorization, policies)).Select(p => $"{name}: {p}"));
            }
        }

        foreach (var reference in ApiDocument.References(document.RootElement))
        {
            if (!document.RootElement.GetProperty("components").GetProperty("schemas").TryGetProperty(reference["#/components/schemas/".Length..], out _))
            {
                problems.Add($"{reference} does not resolve");
            }
        }

        Assert.True(described > 30, $"only {described} operations were compared");
        Assert.True(problems.Count == 0, "The document disagrees with the mapped routes:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_answer_the_host_gives_is_declared_in_the_document()
    {
        await using var cloud = await CloudHost.StartAsync(influx.Server, $"api_{Guid.NewGuid():N}");
        using var document = await ApiDocument.ReadAsync(cloud.Http);
        var problems = new List<string>();
        var calls = 0;
        foreach (var (path, method, operation) in ApiDocument.Operations(document.RootElement))
        {
            // Each operation as anyone, as a viewer and as an admin, with every path segment an identifier no one has and
            // an empty JSON body: what a curious integrator first tries. Every status must be documented.
            var url = string.Concat(path.Split('/').Select((segment, i) => (i == 0 ? "" : "/") + (segment.StartsWith('{') ? ProbeValue(operation, segment[1..^1]) : segment)));
            foreach (var user in new TestUser?[] { null, TestUsers.Viewer, TestUsers.Admin })
            {
                using var client = cloud.ClientFor(user);
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), new Uri(url, UriKind.Relative));
                if (method == "post")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                calls++;
                var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!operation.GetProperty("responses").TryGetProperty(status, out _))
                {
                    problems.Add($"{method.ToUpperInvariant()} {url} as {user?.Name ?? "anyone"} answered {status}, which the document does not declare ({string.Join(", ", operation.GetProperty("responses").EnumerateObject().Select(r => r.Name))})");
                }
            }
        }

        Assert.True(calls > 90, $"only {calls} calls were made");
        Assert.True(problems.Count == 0, "Undeclared answers:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task Document_takes_a_sign_in_unless_published()
    {
        await using (var cloud = await CloudHost.StartAsync(influx.Server, $"api_{Guid.NewGuid():N}"))
        {
            using var anonymous = cloud.ClientFor(null);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(ApiContractOptions.Path, UriKind.Relative))).StatusCode);
            using var viewer = cloud.ClientFor(TestUsers.Viewer);
            Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(new Uri(ApiContractOptions.Path, UriKind.Relative))).StatusCode);
        }

        var published = new Dictionary<string, string> { ["ApiContract:Anonymous"] = "true" };
        await using (var cloud = await CloudHost.StartAsync(influx.Server, $"api_{Guid.NewGuid():N}", published))
        {
            using var anonymous = cloud.ClientFor(null);
            using var response = await anonymous.GetAsync(new Uri(ApiContractOptions.Path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>Route parameters in the path, the handler's simple parameters in the query (and nothing else), a body for a handler that takes one.</summary>
    private static IEnumerable<string> Parameters(RouteEndpoint endpoint, string method, JsonElement operation)
    {
        var declared = operation.TryGetProperty("parameters", out var list)
            ? list.EnumerateArray().Select(p => (Name: p.GetProperty("name").GetString()!, In: p.GetProperty("in").GetString()!)).ToList()
            : [];
        var expected = endpoint.RoutePattern.Parameters.Select(p => (p.Name, In: "path")).ToList();
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler)
        {
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in handler.GetParameters())
            {
                var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
                if (routeNames.Contains(parameter.Name!) || type == typeof(CancellationToken))
                {
                    continue;
                }

                if (type.IsPrimitive || type == typeof(string) || type == typeof(DateTimeOffset))
                {
                    expected.Add((parameter.Name!, "query"));
                }
                else if (type.Namespace?.StartsWith("EnvMonitoring", StringComparison.Ordinal) == true && type.Name.EndsWith("Request", StringComparison.Ordinal)
                    && !operation.TryGetProperty("requestBody", out _))
                {
                    yield return $"takes a {type.Name} body the document does not declare";
                }
            }
        }

        foreach (var missing in expected.Except(declared))
        {
            yield return $"the {missing.In} parameter {missing.Name} is not declared";
        }

        foreach (var stale in declared.Except(expected))
        {
            yield return $"declares the {stale.In} parameter {stale.Name}, which the {method} handler does not take";
        }
    }

    /// <summary>
    /// Who may call: asked of the host's authorization service for a user of each role (of every
    /// park) and for an admin bound to one park, under the policy the endpoint's metadata makes.
    /// </summary>
    private static async Task<IEnumerable<string>> AccessAsync(RouteEndpoint endpoint, JsonElement operation, IAuthorizationService authorization, IAuthorizationPolicyProvider policies)
    {
        var problems = new List<string>();
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        var secured = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
        var responses = operation.GetProperty("responses");
        if (anonymous)
        {
            if (secured)
            {
                problems.Add("is anonymous but the document asks for a sign-in");
            }

            return problems;
        }

        var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
            ?? (await policies.GetFallbackPolicyAsync())!;
        var roles = new List<string>();
        foreach (var role in Roles.All)
        {
            if ((await authorization.AuthorizeAsync(User([role]), policy)).Succeeded)
            {
                roles.Add(role);
            }
        }

        var everyPark = !(await authorization.AuthorizeAsync(User(Roles.All, "OnePark"), policy)).Succeeded;
        if (!secured)
        {
            problems.Add("needs a sign-in but the document has no security requirement");
        }
        else
        {
            foreach (var requirement in security.EnumerateArray().SelectMany(r => r.EnumerateObject()))
            {
                if (!requirement.Value.EnumerateArray().Select(r => r.GetString()!).Order().SequenceEqual(roles.Order()))
                {
                    problems.Add($"the {requirement.Name} requirement names [{string.Join(", ", requirement.Value.EnumerateArray().Select(r => r.GetString()))}], but the roles that may call are {string.Join(", ", roles)}");
                }
            }
        }

        var documented = operation.TryGetProperty("x-envmon-roles", out var named) ? named.EnumerateArray().Select(r => r.GetString()!).Order().ToList() : [];
        if (!documented.SequenceEqual(roles.Order()))
        {
            problems.Add($"x-envmon-roles is [{string.Join(", ", documented)}], but the roles that may call are [{string.Join(", ", roles)}]");
        }

        if (!operation.TryGetProperty("x-envmon-every-park", out var park) || park.GetBoolean() != everyPark)
        {
            problems.Add($"x-envmon-every-park should be {everyPark}");
        }

        if (!responses.TryGetProperty("401", out _))
        {
            problems.Add("does not declare 401");
        }

        if ((roles.Count < Roles.All.Count || everyPark) && !responses.TryGetProperty("403", out _))
        {
            problems.Add("refuses some users but does not declare 403");
        }

        if (endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null && !responses.TryGetProperty("429", out _))
        {
            problems.Add("is rate-limited but does not declare 429");
        }

        return problems;
    }

    /// <summary>A signed-in user with these roles, of every park or of the given ones.</summary>
    private static ClaimsPrincipal User(IEnumerable<string> roles, params string[] parks) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "probe"), .. roles.Select(r => new Claim(ClaimTypes.Role, r)), .. parks.Select(p => new Claim(ParkScope.ClaimType, p))],
        "probe", ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>A value for a path parameter that names nothing: a number where the route wants one.</summary>
    private static string ProbeValue(JsonElement operation, string name) =>
        operation.GetProperty("parameters").EnumerateArray().First(p => p.GetProperty("name").GetString() == name).GetProperty("schema").ToString().Contains("integer", StringComparison.Ordinal)
            ? "1"
            : "NO-SUCH-1";
}
