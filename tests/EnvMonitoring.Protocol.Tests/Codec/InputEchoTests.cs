using EnvMonitoring.Protocol.Codec;

namespace EnvMonitoring.Protocol.Tests.Codec;

public sealed class InputEchoTests
{
    [Fact]
    public void Keeps_text_up_to_the_limit_and_cuts_what_is_longer()
    {
        var longest = new string('x', InputEcho.MaxChars);

        Assert.Equal(longest, InputEcho.Of(longest));
        Assert.Equal(longest + "…", InputEcho.Of(longest + "yz"));
        Assert.Equal("null", InputEcho.Of(null));
    }

    [Fact]
    public void Topics_keep_twice_as_much()
    {
        var topic = "envmon/p/" + new string('s', 200) + "/telemetry";

        var echoed = InputEcho.Topic(topic);

        Assert.Equal(InputEcho.MaxTopicChars + 1, echoed.Length);
        Assert.StartsWith(topic[..InputEcho.MaxTopicChars], echoed, StringComparison.Ordinal);
        Assert.EndsWith("…", echoed, StringComparison.Ordinal);
        Assert.Equal("envmon/p/s/telemetry", InputEcho.Topic("envmon/p/s/telemetry"));
    }

    [Fact]
    public void A_limit_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => InputEcho.Of("text", 0));
}
