using EnvMonitoring.Cloud.Security;
using Microsoft.Extensions.Configuration;

namespace EnvMonitoring.Cloud.Tests.Security;

/// <summary>HTTPS is on exactly when an https address is configured, however it is written (docs/security.md, "HTTPS").</summary>
public sealed class HttpsEndpointsTests
{
    [Theory]
    [InlineData("urls", "https://127.0.0.1:8080", true)]
    [InlineData("urls", "http://127.0.0.1:80; HTTPS://0.0.0.0:443", true)]
    [InlineData("https_ports", "443", true)]
    [InlineData("Kestrel:Endpoints:Web:Url", "https://0.0.0.0:443", true)]
    [InlineData("urls", "http://127.0.0.1:8080", false)]
    [InlineData("urls", "http://https.example:8080", false)]
    [InlineData("Kestrel:Endpoints:Web:Url", "http://0.0.0.0:80", false)]
    [InlineData("http_ports", "80", false)]
    public void An_https_address_anywhere_turns_https_on(string key, string value, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();

        Assert.Equal(expected, HttpsEndpoints.Configured(configuration));
    }

    [Fact]
    public void Only_addresses_of_urls_and_https_ports_take_the_https_section_certificate()
    {
        var kestrel = new ConfigurationBuilder().AddInMemoryCollection([new("Kestrel:Endpoints:Web:Url", "https://0.0.0.0:443")]).Build();
        var urls = new ConfigurationBuilder().AddInMemoryCollection([new("Urls", "https://0.0.0.0:443")]).Build();

        Assert.False(HttpsEndpoints.InUrls(kestrel));
        Assert.True(HttpsEndpoints.InUrls(urls));
    }
}
