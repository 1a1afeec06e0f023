using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Security;
using EnvMonitoring.Protocol.Topics;
using EnvMonitoring.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnvMonitoring.Integration.Tests.Edge;

/// <summary>Per-device credentials (stored hashed), the topic ACL and the TLS listener of the park broker.</summary>
public sealed class GatewaySecurityTests : IAsyncLifetime
{
    private const string Park = "DiemThuy";
    private const string Password = "correct horse battery staple";
    private readonly string _certificateDirectory = Directory.CreateTempSubdirectory("envmon-tls-").FullName;
    private GatewayHost? _gateway;
    private int _tlsPort;

    private GatewayHost Gateway => _gateway!;

    public async Task InitializeAsync()
    {
        var pfx = Path.Combine(_certificateDirectory, "gateway.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "test-pfx"));
        }

        _tlsPort = FreePort.Next();
        _gateway = await GatewayHost.StartAsync(Park, "dt-gw-01", cloudMqttPort: FreePort.Next(), new Dictionary<string, string?>
        {
            ["Gateway:AllowAnonymous"] = "false",
            ["Gateway:Devices:0:Username"] = "node-dt-wwtp",
            ["Gateway:Devices:0:PasswordHash"] = PasswordHash.Create(Password),
            ["Gateway:Devices:0:Stations:0"] = "DT-WWTP-01",
            ["Gateway:Tls:Port"] = _tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:Tls:CertificatePath"] = pfx,
            ["Gateway:Tls:CertificatePassword"] = "test-pfx",
        });
        _gateway.Log.ExpectEvent("ForwardingInterrupted", "no cloud broker listens: these tests use only the gateway's node side");
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        Directory.Delete(_certificateDirectory, recursive: true);
    }

    [Theory]
    [InlineData("node-dt-wwtp", "wrong password")]
    [InlineData("node-dt-wwtp", "")]
    [InlineData("unknown-device", Password)]
    [InlineData(null, null)]
    public async Task Refuses_wrong_passwords_unknown_devices_and_anonymous_nodes(string? username, string? password)
    {
        Gateway.Log.ExpectEvent("ConnectRefused", "the test connects with bad credentials");
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = Options(Gateway.Port, username, password, tls: false);

        var result = await client.ConnectAsync(options);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Lets_a_device_publish_only_for_its_own_station()
    {
        Gateway.Log.Expect(e => e.Is("Refused") && e.Category.EndsWith(".NodeBroker", StringComparison.Ordinal), "the test publishes for another station, park and topic");
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options(Gateway.Port, "node-dt-wwtp", Password, tls: false));

        var own = await client.PublishAsync(Message(Topics.Telemetry(Park, "DT-WWTP-01"), "DT-WWTP-01"));
        var other = await client.PublishAsync(Message(Topics.Telemetry(Park, "DT-STEEL-STACK-01"), "DT-STEEL-STACK-01"));
        var otherPark = await client.PublishAsync(Message(Topics.Telemetry("YenBinh", "DT-WWTP-01"), "DT-WWTP-01"));
        var notContract = await client.PublishAsync(Message("envmon/DiemThuy/DT-WWTP-01/cmd", "DT-WWTP-01"));

        Assert.True(own.IsSuccess, own.ReasonCode.ToString());
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, other.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, otherPark.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.TopicNameInvalid, notContract.ReasonCode);
    }

    [Fact]
    public async Task Only_the_gateway_publishes_commands_to_its_nodes_and_no_device_takes_its_sender_id()
    {
        Gateway.Log.Expect(e => e.Is("Refused") && e.Category.EndsWith(".NodeBroker", StringComparison.Ordinal), "the test publishes a command as a device");
        Gateway.Log.ExpectEvent("ConnectRefused", "the test connects with the gateway's own sender id");
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options(Gateway.Port, "node-dt-wwtp", Password, tls: false));
        var received = 0;
        client.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref received);
            return Task.CompletedTask;
        };
        var command = Topics.CalibrationCommand(Park, "DT-WWTP-01");
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, Assert.Single((await client.SubscribeAsync(command, MqttQualityOfServiceLevel.AtLeastOnce)).Items).ResultCode);

        // Even for its own station, and retained: a device does not command nodes.
        var forged = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(command).WithPayload("""{"active":true}""")
            .WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientPublishReasonCode.TopicNameInvalid, forged.ReasonCode);
        await client.PingAsync();
        Assert.Equal(0, received);

        using var impostor = new MqttClientFactory().CreateMqttClient();
        var options = Options(Gateway.Port, "node-dt-wwtp", Password, tls: false);
        options.ClientId = "$envmon-gateway";
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, (await impostor.ConnectAsync(options)).ResultCode);
    }

    [Fact]
    public async Task Tls_listener_accepts_the_device_with_the_test_certificate()
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options(_tlsPort, "node-dt-wwtp", Password, tls: true));

        var result = await client.PublishAsync(Message(Topics.Telemetry(Park, "DT-WWTP-01"), "DT-WWTP-01"));

        Assert.True(result.IsSuccess, result.ReasonCode.ToString());
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Plain_tcp_clients_cannot_speak_to_the_tls_listener()
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(Options(_tlsPort, "node-dt-wwtp", Password, tls: false), timeout.Token));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Lets_a_device_subscribe_only_to_its_own_stations_topics()
    {
        Gateway.Log.ExpectEvent("SubscribeRefused", "the test subscribes beyond its own station");
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options(Gateway.Port, "node-dt-wwtp", Password, tls: false));

        async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter) =>
            Assert.Single((await client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce)).Items).ResultCode;

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await SubscribeAsync("#"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await SubscribeAsync($"envmon/{Park}/+/telemetry"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await SubscribeAsync(Topics.CalibrationCommand(Park, "DT-DYE-01")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await SubscribeAsync(Topics.CalibrationCommand("OtherPark", "DT-WWTP-01")));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await SubscribeAsync(Topics.CalibrationCommand(Park, "DT-WWTP-01")));
    }

    [Fact]
    public async Task Throttles_an_address_after_ten_failed_connects_even_with_the_right_password()
    {
        Gateway.Log.ExpectEvent("ConnectRefused", "the test guesses passwords");
        Gateway.Log.ExpectEvent("ConnectThrottled", "the guessing address is throttled");
        for (var i = 0; i < 10; i++)
        {
            using var guess = new MqttClientFactory().CreateMqttClient();
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await guess.ConnectAsync(Options(Gateway.Port, "node-dt-wwtp", $"guess {i}", tls: false))).ResultCode);
        }

        using var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(Options(Gateway.Port, "node-dt-wwtp", Password, tls: false));

        Assert.Equal(MqttClientConnectResultCode.ConnectionRateExceeded, result.ResultCode);
    }

    private static MqttClientOptions Options(int port, string? username, string? password, bool tls)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId($"security-{Guid.NewGuid():N}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (username is not null)
        {
            builder = builder.WithCredentials(username, password);
        }

        if (tls)
        {
            // The test certificate is self-signed: trust it explicitly, as a park would pin its own.
            builder = builder.WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(_ => true));
        }

        return builder.Build();
    }

    private static MqttApplicationMessage Message(string topic, string station) => new MqttApplicationMessageBuilder()
        .WithTopic(topic)
        .WithPayload(SampleCodec.EncodeSample(new Sample(station, DateTimeOffset.UtcNow, [new Reading(ParameterCatalog.Default["pH"], 7.1)])))
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();
}
