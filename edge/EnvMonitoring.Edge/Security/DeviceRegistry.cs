using System.Collections.Frozen;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Protocol.Security;
using EnvMonitoring.Protocol.Topics;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Edge.Security;

/// <summary>The devices of <see cref="GatewayOptions.Devices"/>: who may connect, and for which stations they may publish.</summary>
public sealed class DeviceRegistry
{
    private readonly FrozenDictionary<string, DeviceOptions> _byUsername;

    public DeviceRegistry(IOptions<GatewayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AllowAnonymous = options.Value.AllowAnonymous;
        var devices = options.Value.Devices;
        foreach (var device in devices)
        {
            if (!PasswordHash.IsWellFormed(device.PasswordHash))
            {
                throw new OptionsValidationException(GatewayOptions.Section, typeof(GatewayOptions),
                    [$"Device '{device.Username}': PasswordHash is not a hash from `EnvMonitoring.Edge hash-password` (never put the password itself here)."]);
            }

            if (device.Stations.FirstOrDefault(s => !Identifier.IsValid(s)) is { } bad)
            {
                throw new OptionsValidationException(GatewayOptions.Section, typeof(GatewayOptions), [$"Device '{device.Username}': '{bad}' is not a station identifier."]);
            }
        }

        if (devices.GroupBy(d => d.Username, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new OptionsValidationException(GatewayOptions.Section, typeof(GatewayOptions), [$"Device '{twice.Key}' is listed twice."]);
        }

        if (devices.Count == 0 && !AllowAnonymous)
        {
            throw new OptionsValidationException(GatewayOptions.Section, typeof(GatewayOptions),
                ["No devices are configured (Gateway:Devices): no node could connect. Add devices, or set Gateway:AllowAnonymous on a closed test network."]);
        }

        _byUsername = devices.ToFrozenDictionary(d => d.Username, StringComparer.Ordinal);
    }

    public bool AllowAnonymous { get; }

    /// <summary>The device for these credentials, or null when they are wrong or unknown.</summary>
    /// <remarks>An unknown username is checked against a dummy hash, so it costs what a known one does.</remarks>
    public DeviceOptions? Authenticate(string? username, string? password)
    {
        var device = username is not null && _byUsername.TryGetValue(username, out var known) ? known : null;
        return PasswordHash.VerifyOrDummy(password, device?.PasswordHash) ? device : null;
    }

    /// <summary>
    /// Whether a node may subscribe to <paramref name="filter"/>: only a concrete topic (no wildcard)
    /// of one of its own stations in <paramref name="park"/>; an anonymous node (test networks) anything.
    /// </summary>
    public static bool MaySubscribe(DeviceOptions? device, string park, string filter) =>
        device is null ||
        (Topics.TryParse(filter, out var address) && address.Park == park && address.Station is { } station &&
         device.Stations.Contains(station, StringComparer.Ordinal));
}
