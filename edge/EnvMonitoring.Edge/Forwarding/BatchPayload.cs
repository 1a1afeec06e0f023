using System.Buffers;
using System.Globalization;
using System.Text;

namespace EnvMonitoring.Edge.Forwarding;

/// <summary>
/// Builds the contract's batch JSON around samples exactly as the log holds them (each record is
/// already a contract sample written by our encoder), without decoding them again.
/// </summary>
internal static class BatchPayload
{
    public static byte[] Build(string gateway, long number, IReadOnlyList<ReadOnlyMemory<byte>> samples)
    {
        var size = 64 + gateway.Length + samples.Sum(s => s.Length + 1);
        var buffer = new ArrayBufferWriter<byte>(size);
        buffer.Write(Encoding.UTF8.GetBytes($$"""{"gateway":"{{gateway}}","batch":{{number.ToString(CultureInfo.InvariantCulture)}},"samples":["""));
        for (var i = 0; i < samples.Count; i++)
        {
            if (i > 0)
            {
                buffer.Write(","u8);
            }

            buffer.Write(samples[i].Span);
        }

        buffer.Write("]}"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
