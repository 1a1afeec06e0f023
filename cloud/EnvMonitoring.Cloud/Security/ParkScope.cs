using System.Collections.Frozen;
using System.Security.Claims;

namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// The parks a user may see (issue #14, item 6; docs/security.md, "Park scopes"): every park, for
/// province staff (a user configured without <see cref="UserDefinition.Parks"/>), or the parks of
/// their <see cref="ClaimType"/> claims. Every endpoint and the hub ask it about the park of what
/// they serve — the registry's park of a station, the park of an alert — and answer
/// <see cref="Forbidden"/> or leave the item out of a list. A station whose park is not known (not
/// in the registry) is in no park a scoped user holds: only all-parks users see it.
/// </summary>
public sealed class ParkScope
{
    /// <summary>One claim per park on the principal of a park-scoped user; none for an all-parks user.</summary>
    public const string ClaimType = "envmon:park";

    private readonly FrozenSet<string>? _parks;

    private ParkScope(FrozenSet<string>? parks) => _parks = parks;

    /// <summary>Every park.</summary>
    public static ParkScope All { get; } = new(null);

    /// <summary>True for province staff, who see every park (and stations of no known park).</summary>
    public bool IsAll => _parks is null;

    /// <summary>The parks of a scoped user, in order; empty for <see cref="All"/>.</summary>
    public IReadOnlyList<string> Parks => _parks is null ? [] : [.. _parks.Order(StringComparer.Ordinal)];

    /// <summary>The scope of the parks given; none given is every park, as in configuration.</summary>
    public static ParkScope Of(IEnumerable<string> parks)
    {
        ArgumentNullException.ThrowIfNull(parks);
        var set = parks.ToFrozenSet(StringComparer.Ordinal);
        return set.Count == 0 ? All : new ParkScope(set);
    }

    /// <summary>The signed-in user's scope, from their <see cref="ClaimType"/> claims.</summary>
    public static ParkScope Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Of(user.FindAll(ClaimType).Select(c => c.Value));
    }

    /// <summary>
    /// Whether something of <paramref name="park"/> may be shown; <paramref name="park"/> null when
    /// it is not known (an unregistered or unknown station): only all-parks users may see that.
    /// </summary>
    public bool Allows(string? park) => _parks is null || park is not null && _parks.Contains(park);

    /// <summary>
    /// The one answer to a request outside the user's parks. It names nothing of the request, and a
    /// scoped user gets it for another park's station and for one that does not exist alike, so it
    /// tells them no more than that the station is not theirs.
    /// </summary>
    public static IResult Forbidden() => TypedResults.Problem(
        "This is not in the parks you may see.", statusCode: StatusCodes.Status403Forbidden, title: "Outside your parks");

    public override string ToString() => _parks is null ? "all parks" : string.Join(",", Parks);
}
