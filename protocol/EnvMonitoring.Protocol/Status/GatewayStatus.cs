using System.Globalization;
using System.Text.Json;

namespace EnvMonitoring.Protocol.Status;

/// <summary>
/// A gateway's retained status on <c>envmon/{park}/_gw/{gateway}/status</c>:
/// <c>{"state":"online","backlogBytes":104857,"oldestUnsent":"2026-11-30T01:05:00.0000000+00:00","accepted":52341,"forwarded":52100}</c>
/// (<c>oldestUnsent</c> is <c>null</c> when nothing waits). The last will is the state alone:
/// <c>{"state":"offline"}</c>, since the broker sends it when the figures are no longer known.
/// </summary>
public sealed record GatewayStatus(string State)
{
    /// <summary>Status payloads are a few hundred bytes at most; anything much larger is not one.</summary>
    public const int MaxPayloadBytes = StatusJson.MaxPayloadBytes;

    /// <summary>Bytes in the gateway's log the cloud has not acknowledged; null in a last will.</summary>
    public long? BacklogBytes { get; init; }

    /// <summary>The measurement time of the oldest sample not yet acknowledged, as the sample carried it.</summary>
    public DateTimeOffset? OldestUnsent { get; init; }

    /// <summary>Samples the gateway accepted since it started.</summary>
    public long? Accepted { get; init; }

    /// <summary>Samples the gateway sent to the cloud since it started.</summary>
    public long? Forwarded { get; init; }

    /// <summary>The last will: offline and nothing else.</summary>
    public static GatewayStatus LastWill { get; } = new(StatusState.Offline);

    /// <summary>The status a running gateway publishes now and then.</summary>
    public static GatewayStatus Running(long backlogBytes, DateTimeOffset? oldestUnsent, long accepted, long forwarded) =>
        new(StatusState.Online) { BacklogBytes = backlogBytes, OldestUnsent = oldestUnsent, Accepted = accepted, Forwarded = forwarded };

    /// <summary>
    /// The payload: <c>state</c>, then (when <see cref="BacklogBytes"/> is known) <c>backlogBytes</c>,
    /// <c>oldestUnsent</c> (round-trip "O" format, or null), <c>accepted</c> and <c>forwarded</c>.
    /// </summary>
    public byte[] ToUtf8() => StatusJson.Write(160, writer =>
    {
        writer.WriteString("state", State);
        if (BacklogBytes is { } backlog)
        {
            writer.WriteNumber("backlogBytes", backlog);
            if (OldestUnsent is { } oldest)
            {
                writer.WriteString("oldestUnsent", oldest.ToString("O", CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNull("oldestUnsent");
            }
        }

        if (Accepted is { } accepted)
        {
            writer.WriteNumber("accepted", accepted);
        }

        if (Forwarded is { } forwarded)
        {
            writer.WriteNumber("forwarded", forwarded);
        }
    });

    /// <summary>Reads a gateway status; false without a string <c>state</c> or with a field of the wrong type. Unknown fields are ignored.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out GatewayStatus? status) => StatusJson.TryRead(utf8, Read, out status);

    private static GatewayStatus? Read(JsonElement root)
    {
        if (!root.TryGetProperty("state", out var state) || state.ValueKind != JsonValueKind.String
            || !TryCount(root, "backlogBytes", out var backlog) || !TryCount(root, "accepted", out var accepted) || !TryCount(root, "forwarded", out var forwarded))
        {
            return null;
        }

        DateTimeOffset? oldest = null;
        if (root.TryGetProperty("oldestUnsent", out var o) && o.ValueKind != JsonValueKind.Null)
        {
            if (o.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParseExact(o.GetString(), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return null;
            }

            oldest = parsed;
        }

        return new GatewayStatus(state.GetString()!) { BacklogBytes = backlog, OldestUnsent = oldest, Accepted = accepted, Forwarded = forwarded };
    }

    /// <summary>True when the field is absent (null count) or a non-negative integer.</summary>
    private static bool TryCount(JsonElement root, string name, out long? count)
    {
        count = null;
        if (!root.TryGetProperty(name, out var value))
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n) || n < 0)
        {
            return false;
        }

        count = n;
        return true;
    }
}
