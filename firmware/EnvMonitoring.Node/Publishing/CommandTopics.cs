using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Protocol.Topics;

namespace EnvMonitoring.Node.Publishing;

/// <summary>Topics a node subscribes to for commands (see docs/firmware.md, "Calibration command").</summary>
internal static class CommandTopics
{
    public static string Calibration(string park, string station) =>
        $"{Topics.Root}/{Identifier.Require(park, nameof(park))}/{Identifier.Require(station, nameof(station))}/cmd/calibration";
}
