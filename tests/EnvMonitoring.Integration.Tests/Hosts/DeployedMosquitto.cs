using EnvMonitoring.Integration.Tests.Launcher;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>
/// The mosquitto configuration we ship (<c>deploy/mosquitto/mosquitto.conf</c>) as options for a
/// test broker (<see cref="MosquittoOptions.FromDeployedConfig"/>), so a test on mosquitto proves
/// the deployed configuration.
/// </summary>
internal static class DeployedMosquitto
{
    public static string ConfigPath { get; } = Path.Combine(RepositoryRoot.Path, "deploy", "mosquitto", "mosquitto.conf");

    public static MosquittoOptions Options() => MosquittoOptions.FromDeployedConfig(ConfigPath);
}
