using System.Text.Json;

namespace EnvMonitoring.Protocol.Status;

/// <summary>
/// A node's retained status on <c>envmon/{park}/{station}/status</c>:
/// <c>{"state":"online","ts":1764479100000,"fw":"1.2.0"}</c>. The last will, written before the
/// connection exists, has no time: <c>{"state":"offline","fw":"1.2.0"}</c>.
/// </summary>
public sealed record NodeStatus(string State, string Firmware)
{
    /// <summary>Status payloads are a few dozen bytes; anything much larger is not one.</summary>
    public const int MaxPayloadBytes = StatusJson.MaxPayloadBytes;

    /// <summary>When the node said it (<c>ts</c>, epoch milliseconds); none in a last will.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The status a node publishes when it connects or signs off.</summary>
    public static NodeStatus At(string state, string firmware, DateTimeOffset now) => new(state, firmware) { Timestamp = now };

    /// <summary>The last will: offline, without a time (the broker sends it later, on the node's behalf).</summary>
    public static NodeStatus LastWill(string firmware) => new(StatusState.Offline, firmware);

    /// <summary>The payload, fields in contract order: state, ts (when known), fw.</summary>
    public byte[] ToUtf8() => StatusJson.Write(64, writer =>
    {
        writer.WriteString("state", State);
        if (Timestamp is { } ts)
        {
            writer.WriteNumber("ts", ts.ToUnixTimeMilliseconds());
        }

        writer.WriteString("fw", Firmware);
    });

    /// <summary>Reads a node status; false for anything without a string <c>state</c> and <c>fw</c>. Unknown fields are ignored.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out NodeStatus? status) => StatusJson.TryRead(utf8, Read, out status);

    private static NodeStatus? Read(JsonElement root)
    {
        if (!root.TryGetProperty("state", out var state) || state.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("fw", out var fw) || fw.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        DateTimeOffset? timestamp = null;
        if (root.TryGetProperty("ts", out var ts))
        {
            if (ts.ValueKind != JsonValueKind.Number || !ts.TryGetInt64(out var ms) || ms < 0 || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                return null;
            }

            timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        return new NodeStatus(state.GetString()!, fw.GetString()!) { Timestamp = timestamp };
    }
}
