using EnvMonitoring.Testing;
using MQTTnet;

namespace EnvMonitoring.Integration.Tests.Hosts;

internal static class MqttIdentity
{
    /// <summary>Connects with <paramref name="identity"/>'s credentials, or anonymously when null.</summary>
    public static MqttClientOptionsBuilder WithIdentity(this MqttClientOptionsBuilder builder, TestBrokerClient? identity) =>
        identity is null ? builder : builder.WithCredentials(identity.Username, identity.Password);
}
