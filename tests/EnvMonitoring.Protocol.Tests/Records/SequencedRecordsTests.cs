using System.Text;
using EnvMonitoring.Protocol.Records;

namespace EnvMonitoring.Protocol.Tests.Records;

public sealed class SequencedRecordsTests
{
    [Fact]
    public void Records_read_back_in_order_with_their_numbers_and_bodies()
    {
        using var file = new MemoryStream();
        SequencedRecords.Write(file, 1, 7, "{\"a\":1}"u8);
        SequencedRecords.Write(file, 2, 8);

        var read = ReadAll(file, out var intact);

        Assert.Equal([(1, 7L, "{\"a\":1}"), (2, 8L, "")], read);
        Assert.Equal(file.Length, intact);
    }

    [Fact]
    public void A_torn_tail_a_flipped_bit_or_an_unexpected_header_ends_the_intact_part()
    {
        using var file = new MemoryStream();
        SequencedRecords.Write(file, 1, 1, "first"u8);
        var first = file.Length;
        SequencedRecords.Write(file, 1, 2, "second"u8);
        var whole = file.ToArray();

        Assert.Single(ReadAll(new MemoryStream(whole[..^3]), out var tornAt));
        Assert.Equal(first, tornAt);

        var flipped = (byte[])whole.Clone();
        flipped[^1] ^= 0x01;
        Assert.Single(ReadAll(new MemoryStream(flipped), out var intact));
        Assert.Equal(first, intact);

        var refused = SequencedRecords.ReadAll(new MemoryStream(whole), (_, length) => length < 8 + "second".Length, (_, _, _) => { });
        Assert.Equal(first, refused);
    }

    private static List<(int Kind, long Seq, string Body)> ReadAll(MemoryStream file, out long intact)
    {
        var records = new List<(int, long, string)>();
        intact = SequencedRecords.ReadAll(file, (_, _) => true, (kind, seq, body) => records.Add((kind, seq, Encoding.UTF8.GetString(body))));
        return records;
    }
}
