using System.Buffers;
using System.Text;
using EnvMonitoring.Cloud.Ingestion;

namespace EnvMonitoring.Cloud.Tests.Ingestion;

public sealed class BatchNumberTests
{
    [Theory]
    [InlineData("""{"gateway":"other-gw","batch":1234,"samples":[]}""", 1234L)]
    [InlineData("""{"samples":[{"station":"A","ts":1,"values":{"pH":7}}],"gateway":"g","batch":7}""", 7L)]
    [InlineData("""{"gateway":"g","batch":42,"samples":[{"station":"A","ts":1,"va""", 42L)]
    [InlineData("""{"gateway":"g","samples":[{"station":"A","ts":1,"va""", null)]
    [InlineData("""{"batch":"12"}""", null)]
    [InlineData("""{"batch":-1}""", null)]
    [InlineData("""{"batch":1.5}""", null)]
    [InlineData("""[1,2,3]""", null)]
    [InlineData("""not json at all""", null)]
    [InlineData("", null)]
    public void Finds_the_top_level_batch_number_of_a_refused_batch(string payload, long? expected) =>
        Assert.Equal(expected, BatchNumber.Find(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload))));

    [Fact]
    public void A_nested_batch_property_is_not_the_batch_number()
    {
        var payload = """{"samples":[{"batch":99}],"batch":5}""";
        Assert.Equal(5, BatchNumber.Find(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload))));
    }
}
