using EnvMonitoring.Evidence.Seals;

namespace EnvMonitoring.Cloud.Tests.Seals;

/// <summary>
/// The sealer's way of writing a station's sample records (a layout copied and filled in) against the
/// canonical encoder's: the same bytes, the same chain head, the same entries, whatever the order of
/// the codes, the statuses, the values, and however layouts and whole items mix in a batch.
/// </summary>
public sealed class SealSampleLayoutTests
{
    private static readonly string[] Codes = ["pH", "COD", "TSS", "NH4", "Temp", "BOD5", "TN", "FlowOut"];

    private static long T(int second) => SealFixture.At(0) + (second * 1000L);

    [Fact]
    public void A_record_from_the_layout_is_the_encoders_record()
    {
        var layout = new SealSampleLayout(SealFixture.Station, Codes);
        double[] values = [7.12, 45.3, -0.0, double.MaxValue, double.NaN, 1e-300, -273.15, 12];
        int[] statuses = [0, 1, 2, 0, 1, 2, 0, 1];
        var record = new byte[layout.Size];

        layout.Write(record, T(42), values, statuses);

        var encoded = SealEncoder.Sample(SealFixture.Station, T(42), [.. Codes.Select((c, i) => new SealReading(c, values[i], statuses[i]))]);
        Assert.Equal(encoded.Record, record);
    }

    [Fact]
    public void A_batch_mixing_layouts_and_whole_items_seals_and_packs_as_the_same_items_added_whole()
    {
        var eight = new SealSampleLayout(SealFixture.Station, Codes);
        var three = new SealSampleLayout(SealFixture.Station, ["TSS", "COD", "pH"]);
        var batch = new SealBatch();
        var items = new List<SealItem>();
        void Sample(SealSampleLayout layout, string[] codes, int second)
        {
            double[] values = [.. codes.Select((_, i) => second + (i / 10.0))];
            int[] statuses = [.. codes.Select((_, i) => (second + i) % 3)];
            batch.AddSample(layout, T(second), values, statuses);
            items.Add(SealEncoder.Sample(SealFixture.Station, T(second), [.. codes.Select((c, i) => new SealReading(c, values[i], statuses[i]))]));
        }

        void Whole(SealItem item)
        {
            batch.Add(item);
            items.Add(item);
        }

        Sample(eight, Codes, 0);
        Sample(eight, Codes, 1);
        Sample(three, ["TSS", "COD", "pH"], 2);
        Sample(eight, Codes, 3);
        Whole(SealEncoder.Event(SealFixture.Station, T(3), 9, """{"kind":"Opened","note":"a \"quoted\" word"}"""));
        Whole(SealEncoder.Sample(SealFixture.Station, T(4), [.. Codes.Select((c, i) => new SealReading(c, i, 0))]));
        Sample(eight, Codes, 5);
        Sample(three, ["TSS", "COD", "pH"], 6);
        Sample(three, ["TSS", "COD", "pH"], 7);

        var start = SealChain.Genesis(SealFixture.Station, SealFixture.Day);
        var whole = SealBatch.Of(items);
        Assert.Equal(SealChain.Link(start, whole), SealChain.Link(start, batch));
        Assert.Equal(SealEntries.Pack(whole), SealEntries.Pack(batch));
        Assert.Equal(
            [.. items.Select(i => i.Key)],
            SealEntries.Unpack(SealEntries.Pack(batch)).Select(e => e.Key));
    }

    [Fact]
    public void A_sample_of_another_size_than_the_layouts_is_refused()
    {
        var layout = new SealSampleLayout(SealFixture.Station, ["pH", "COD"]);
        var record = new byte[layout.Size];
        var size = Assert.Throws<ArgumentException>(() => layout.Write(record, T(0), [7.0], [0, 0]));
        Assert.Contains("has 2 readings, not 1 values and 2 statuses", size.Message, StringComparison.Ordinal);
    }
}
