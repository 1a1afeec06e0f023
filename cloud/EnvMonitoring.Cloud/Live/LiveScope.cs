using EnvMonitoring.Protocol.Identifiers;

namespace EnvMonitoring.Cloud.Live;

/// <summary>What a hub client watches: the whole <c>province</c>, <c>park:{park}</c> or <c>station:{station}</c>; also its SignalR group name.</summary>
public sealed record LiveScope(string Kind, string? Id)
{
    public const string ProvinceName = "province";

    public static LiveScope Province { get; } = new(ProvinceName, null);

    public static LiveScope ForPark(string park) => new("park", park);

    public static LiveScope ForStation(string station) => new("station", station);

    public string Group => Id is null ? Kind : $"{Kind}:{Id}";

    /// <summary>The group of every client connected to one instance (never a scope a client asks for: "instance" is no kind).</summary>
    public static string InstanceGroup(string instance) => $"instance:{instance}";

    public bool Contains(string park, string station) => Kind switch
    {
        "park" => park == Id,
        "station" => station == Id,
        _ => true,
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out LiveScope? scope)
    {
        scope = text switch
        {
            ProvinceName => Province,
            ['p', 'a', 'r', 'k', ':', .. var park] when Identifier.IsValid(park) => ForPark(park),
            ['s', 't', 'a', 't', 'i', 'o', 'n', ':', .. var station] when Identifier.IsValid(station) => ForStation(station),
            _ => null,
        };
        return scope is not null;
    }

    public override string ToString() => Group;
}
