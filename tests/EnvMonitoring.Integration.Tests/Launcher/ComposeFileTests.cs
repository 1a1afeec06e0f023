using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Launcher;

public sealed class ComposeFileTests
{
    [Fact]
    public async Task Docker_compose_file_is_valid_and_describes_the_whole_system()
    {
        var composeFile = Path.Combine(RepositoryRoot.Path, "docker-compose.yml");
        if (!File.Exists("/usr/bin/docker-compose"))
        {
            throw new InvalidOperationException("docker-compose is not installed: run `./envmon test` (it installs Debian's docker-compose) or `apt-get install -y docker-compose`.");
        }

        using var config = ChildProcess.Start("/usr/bin/docker-compose", ["-f", composeFile, "config", "--services"], RepositoryRoot.Path);
        await config.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(config.ExitCode == 0, $"docker-compose config failed:\n{config.OutputTail}");
        var services = config.OutputTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var expected in new[] { "influxdb", "cloud", "edge-yenbinh", "node-yenbinh", "grafana" })
        {
            Assert.Contains(expected, services);
        }

        foreach (var dockerfile in new[] { "cloud/Dockerfile", "edge/Dockerfile", "firmware/Dockerfile" })
        {
            Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, dockerfile)), $"{dockerfile} is missing");
        }
    }
}
