using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace EnvMonitoring.Cloud.ApiContract;

/// <summary>
/// Who may call an endpoint, from its metadata as the authorization middleware combines it:
/// anonymous, or the policies named (the fallback policy when none) and the roles every one of
/// their role requirements allows (all roles when none restricts).
/// </summary>
internal sealed record EndpointAccess(bool Anonymous, IReadOnlyList<string> Policies, IReadOnlyList<string> Roles)
{
    public static async Task<EndpointAccess> OfAsync(IEnumerable<object> metadata, IAuthorizationPolicyProvider provider)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(provider);
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return new EndpointAccess(true, [], []);
        }

        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var policy = await AuthorizationPolicy.CombineAsync(provider, authorize, metadata.OfType<AuthorizationPolicy>())
            ?? await provider.GetFallbackPolicyAsync()
            ?? throw new InvalidOperationException("An endpoint without authorization metadata needs the fallback policy.");
        IEnumerable<string> roles = Security.Roles.All;
        foreach (var requirement in policy.Requirements.OfType<RolesAuthorizationRequirement>())
        {
            roles = roles.Intersect(requirement.AllowedRoles, StringComparer.Ordinal);
        }

        var names = authorize.Where(a => a.Policy is not null).SelectMany(a => a.Policy!.Split(',', StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();
        return new EndpointAccess(false, names, [.. roles]);
    }
}
