using EnvMonitoring.Cloud.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Tests.Storage;

/// <summary>How the InfluxDB client is registered: one long-lived client whose connections still recycle, with checked options.</summary>
public sealed class StorageRegistrationTests
{
    [Fact]
    public async Task The_client_is_one_instance_on_a_handler_that_recycles_connections()
    {
        await using var app = Build(("Influx:ConnectionLifetime", "00:05:00"), ("Influx:RequestTimeout", "00:00:07"));

        var client = app.Services.GetRequiredService<InfluxClient>();

        Assert.Same(client, app.Services.GetRequiredService<InfluxClient>());
        HttpMessageHandler handler = app.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(StorageRegistration.HttpClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        Assert.Equal(TimeSpan.FromMinutes(5), Assert.IsType<SocketsHttpHandler>(handler).PooledConnectionLifetime);
    }

    [Theory]
    [InlineData("Influx:RequestTimeout", "00:00:00")]
    [InlineData("Influx:ConnectionLifetime", "-00:00:01")]
    [InlineData("Influx:Database", "env mon")]
    [InlineData("Influx:Username", "cloud")]
    [InlineData("Influx:Password", "secret")]
    [InlineData("Influx:SetupPassword", "secret")]
    public async Task Options_out_of_range_are_refused(string key, string value)
    {
        await using var app = Build((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<InfluxOptions>>().Value);
        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setup_identity_without_the_hosts_own_user_is_refused()
    {
        await using var app = Build(("Influx:SetupUsername", "admin"), ("Influx:SetupPassword", "secret"));

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<InfluxOptions>>().Value);
        Assert.Contains("Influx:SetupUsername needs Influx:Username", error.Message, StringComparison.Ordinal);
    }

    private static WebApplication Build(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddInfluxStorage();
        return builder.Build();
    }
}
