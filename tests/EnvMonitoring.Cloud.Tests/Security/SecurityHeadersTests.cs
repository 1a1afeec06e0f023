using EnvMonitoring.Cloud.Security;

namespace EnvMonitoring.Cloud.Tests.Security;

/// <summary>The content security policy allows images from the host and from exactly the sources it is given (the map's tile server).</summary>
public sealed class SecurityHeadersTests
{
    [Fact]
    public void Images_come_from_the_host_and_the_given_sources_only()
    {
        Assert.Contains("img-src 'self' data:;", SecurityHeaders.ContentSecurityPolicy([]), StringComparison.Ordinal);
        var policy = SecurityHeaders.ContentSecurityPolicy(["https://tile.openstreetmap.org"]);
        Assert.Contains("img-src 'self' data: https://tile.openstreetmap.org;", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://a.example; script-src *")]
    [InlineData("https://a.example 'unsafe-inline'")]
    public void A_source_that_would_add_a_directive_is_refused(string source) =>
        Assert.Throws<ArgumentException>(() => SecurityHeaders.ContentSecurityPolicy([source]));
}
