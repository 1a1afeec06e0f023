using EnvMonitoring.Cloud.Broker;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Tests.Broker;

/// <summary>
/// <c>Ingestion:Tls</c> at start-up: loaded once for every broker session, a missing file named by
/// its setting, and refused with the embedded broker (which ingestion reaches without a network hop).
/// </summary>
public sealed class IngestionTlsTests
{
    [Fact]
    public async Task Without_a_ca_the_ingestion_client_speaks_plain_mqtt()
    {
        await using var app = Build(new() { ["Broker:Embedded"] = "false" });

        Assert.Null(app.Services.GetRequiredService<IngestionTls>().Client);
    }

    [Fact]
    public async Task The_ca_is_loaded_once_for_every_session()
    {
        using var certificates = TestCertificates.Create();
        await using var app = Build(new() { ["Broker:Embedded"] = "false", ["Ingestion:Tls:CaPath"] = certificates.CaPath });

        var tls = app.Services.GetRequiredService<IngestionTls>();
        Assert.Same(tls, app.Services.GetRequiredService<IngestionTls>());
        Assert.Equal("CN=EnvMonitoring test CA", tls.Client!.Ca.Subject);
        Assert.Null(tls.Client.Certificate);
    }

    [Fact]
    public async Task A_missing_ca_file_stops_the_start_naming_the_setting()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"envmon-no-such-ca-{Guid.NewGuid():N}.crt");
        await using var app = Build(new() { ["Broker:Embedded"] = "false", ["Ingestion:Tls:CaPath"] = missing });

        var error = Assert.Throws<FileNotFoundException>(() => app.Services.GetRequiredService<IngestionTls>());

        Assert.Contains($"{missing} (Ingestion:Tls:CaPath) does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_towards_the_embedded_broker_is_refused_at_start()
    {
        using var certificates = TestCertificates.Create();
        await using var app = Build(new() { ["Ingestion:Tls:CaPath"] = certificates.CaPath });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<IngestionOptions>>().Value);

        Assert.Contains("Ingestion:Tls:CaPath is set but the broker is embedded", error.Message, StringComparison.Ordinal);
    }

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        // Never started: the tests are about the services.
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddIngestion();
        builder.AddBroker();
        return builder.Build();
    }
}
