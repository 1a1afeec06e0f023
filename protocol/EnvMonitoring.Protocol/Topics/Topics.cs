using EnvMonitoring.Protocol.Identifiers;

namespace EnvMonitoring.Protocol.Topics;

/// <summary>Topic names of wire contract v1 (docs/contract.md), built and parsed in one place.</summary>
public static class Topics
{
    public const string Root = "envmon";

    /// <summary>The segment that separates gateway topics from station topics; never a valid station id.</summary>
    public const string GatewaySegment = "_gw";

    /// <summary>The segment under a station that holds the commands sent to its node.</summary>
    public const string CommandSegment = "cmd";

    /// <summary>Every station's telemetry, for a subscriber that serves the whole province.</summary>
    public const string AllTelemetry = "envmon/+/+/telemetry";

    /// <summary>Every gateway's batches.</summary>
    public const string AllGatewayBatches = "envmon/+/_gw/+/batch";

    public static string Telemetry(string park, string station) => $"{Root}/{Park(park)}/{Station(station)}/telemetry";

    public static string StationStatus(string park, string station) => $"{Root}/{Park(park)}/{Station(station)}/status";

    /// <summary>Calibration commands to a station's node (QoS 1, may be retained).</summary>
    public static string CalibrationCommand(string park, string station) => $"{Root}/{Park(park)}/{Station(station)}/{CommandSegment}/calibration";

    /// <summary>Every command to every station of one park: what a gateway takes from the cloud and relays to its nodes.</summary>
    public static string ParkCommands(string park) => $"{Root}/{Park(park)}/+/{CommandSegment}/#";

    public static string GatewayBatch(string park, string gateway) => $"{Root}/{Park(park)}/{GatewaySegment}/{Gateway(gateway)}/batch";

    public static string GatewayAck(string park, string gateway) => $"{Root}/{Park(park)}/{GatewaySegment}/{Gateway(gateway)}/ack";

    public static string GatewayStatus(string park, string gateway) => $"{Root}/{Park(park)}/{GatewaySegment}/{Gateway(gateway)}/status";

    /// <summary>The telemetry of every station in one park (what a gateway's nodes publish).</summary>
    public static string ParkTelemetry(string park) => $"{Root}/{Park(park)}/+/telemetry";

    /// <summary>The batches of every gateway of one park (what the instance that judges the park consumes).</summary>
    public static string ParkGatewayBatches(string park) => $"{Root}/{Park(park)}/{GatewaySegment}/+/batch";

    /// <summary>Parses a contract topic; false for anything else, including invalid identifiers.</summary>
    public static bool TryParse(string? topic, out TopicAddress address)
    {
        address = default;
        if (topic is null || topic.Length > 256)
        {
            return false;
        }

        Span<Range> parts = stackalloc Range[6];
        var span = topic.AsSpan();
        var count = span.Split(parts, '/');
        if (count is < 4 or > 5 || !span[parts[0]].SequenceEqual(Root) || !Identifier.IsValid(span[parts[1]]))
        {
            return false;
        }

        var park = span[parts[1]].ToString();
        if (count == 4)
        {
            var station = span[parts[2]];
            var leaf = span[parts[3]];
            if (!Identifier.IsValid(station))
            {
                return false;
            }

            TopicKind? kind = leaf switch
            {
                "telemetry" => TopicKind.Telemetry,
                "status" => TopicKind.StationStatus,
                _ => null,
            };
            if (kind is null)
            {
                return false;
            }

            address = new TopicAddress(kind.Value, park, station.ToString(), null);
            return true;
        }

        if (!span[parts[2]].SequenceEqual(GatewaySegment))
        {
            // envmon/{park}/{station}/cmd/calibration; a gateway called "cmd" still has _gw before it.
            var commandStation = span[parts[2]];
            if (!Identifier.IsValid(commandStation) || !span[parts[3]].SequenceEqual(CommandSegment) || !span[parts[4]].SequenceEqual("calibration"))
            {
                return false;
            }

            address = new TopicAddress(TopicKind.CalibrationCommand, park, commandStation.ToString(), null);
            return true;
        }

        var gateway = span[parts[3]];
        if (!Identifier.IsValid(gateway))
        {
            return false;
        }

        TopicKind? gatewayKind = span[parts[4]] switch
        {
            "batch" => TopicKind.GatewayBatch,
            "ack" => TopicKind.GatewayAck,
            "status" => TopicKind.GatewayStatus,
            _ => null,
        };
        if (gatewayKind is null)
        {
            return false;
        }

        address = new TopicAddress(gatewayKind.Value, park, null, gateway.ToString());
        return true;
    }

    private static string Park(string park) => Identifier.Require(park, nameof(park));

    private static string Station(string station) => Identifier.Require(station, nameof(station));

    private static string Gateway(string gateway) => Identifier.Require(gateway, nameof(gateway));
}
