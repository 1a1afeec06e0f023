using System.Text.Json;
using EnvMonitoring.Cloud;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Edge;
using EnvMonitoring.Node;
using EnvMonitoring.Testing;
using Microsoft.AspNetCore.Hosting;
using YamlDotNet.RepresentationModel;

namespace EnvMonitoring.Integration.Tests.Launcher;

/// <summary>
/// Issue 22, item 4: docker-compose.yml, as <c>docker-compose config</c> resolves it with the
/// variables of .env.example, runs what <c>./envmon run</c> runs — the parks, gateways and
/// stations of deploy/demo/stations.json, everything authenticated and over TLS — and every
/// setting it gives our programs (environment variables and <c>--Section:Key=…</c> arguments) is
/// one they read (<see cref="ConfigurationKeys"/>). No Docker engine is needed: <c>config</c> only
/// reads and checks the file.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string ComposeFile = Path.Combine(RepositoryRoot.Path, "docker-compose.yml");

    /// <summary>Each of our images and whose configuration it reads.</summary>
    private static readonly Dictionary<string, ConfigurationKeys> Programs = new(StringComparer.Ordinal)
    {
        // The registry's lists are bound by section (StationsRegistration); StationsFile is read by name there, Urls by the web host.
        ["cloud/Dockerfile"] = new(typeof(CloudServices).Assembly,
            new Dictionary<string, Type> { [StationRegistry.Section] = typeof(List<StationDefinition>), [ParkDefinition.Section] = typeof(List<ParkDefinition>) },
            [WebHostDefaults.ServerUrlsKey, "StationsFile", "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT"]),
        ["edge/Dockerfile"] = new(typeof(GatewayOptions).Assembly, topLevel: ["DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT"]),
        ["firmware/Dockerfile"] = new(typeof(NodeOptions).Assembly, topLevel: ["DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT"]),
    };

    [Fact]
    public async Task Compose_runs_the_demo_parks_of_the_shared_file_authenticated_and_over_tls()
    {
        var services = await ConfigAsync();
        using var demo = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "deploy", "demo", "stations.json")));
        var problems = new List<string>();
        var cloud = Settings(services, "cloud");
        Expect(problems, cloud, "cloud", "Urls", v => v.StartsWith("https://", StringComparison.Ordinal), "HTTPS only");
        Expect(problems, cloud, "cloud", "Broker:Port", v => v == "0", "no plaintext MQTT listener");
        Expect(problems, cloud, "cloud", "Broker:Tls:Port", v => v.Length > 0, "MQTTS");
        Expect(problems, cloud, "cloud", "Influx:Username", v => v.Length > 0, "its own InfluxDB user");
        Expect(problems, cloud, "cloud", "Security:DemoCredentialsFile", v => v.Length > 0, "users to sign in with");
        Expect(problems, cloud, "cloud", "StationsFile", v => Mounts(services, "cloud").Contains(("deploy/demo/stations.json", v)), "the shared demo file, mounted");

        var influx = Environment(services, "influxdb");
        Expect(problems, influx, "influxdb", "INFLUXDB_HTTP_AUTH_ENABLED", v => v == "true", "authentication on");
        Expect(problems, influx, "influxdb", "INFLUXDB_USER", v => v == cloud.GetValueOrDefault("Influx:Username"), "the cloud's user, created with ALL on its database only");
        Expect(problems, influx, "influxdb", "INFLUXDB_USER_PASSWORD", v => v == cloud.GetValueOrDefault("Influx:Password"), "the cloud's password");

        var stations = demo.RootElement.GetProperty("Stations").EnumerateArray().ToList();
        foreach (var park in demo.RootElement.GetProperty("Parks").EnumerateArray())
        {
            var id = park.GetProperty("Id").GetString()!;
            var gateway = park.GetProperty("Gateway").GetString()!;
            var own = stations.Where(s => s.GetProperty("Park").GetString() == id)
                .ToDictionary(s => s.GetProperty("Station").GetString()!, s => s.GetProperty("Medium").GetString()!);
            if (!services.ContainsKey(gateway))
            {
                problems.Add($"no gateway service {gateway} for park {id}");
                continue;
            }

            var edge = Settings(services, gateway);
            Expect(problems, edge, gateway, "Gateway:Park", v => v == id, id);
            Expect(problems, edge, gateway, "Gateway:Id", v => v == gateway, gateway);
            Expect(problems, edge, gateway, "Gateway:Listen:Port", v => v == "0", "no plaintext listener for the nodes");
            Expect(problems, edge, gateway, "Gateway:Tls:Port", v => v.Length > 0, "MQTTS for the nodes");
            Expect(problems, edge, gateway, "Gateway:Cloud:Tls:CaPath", v => v.Length > 0, "the cloud broker checked against the CA");
            Expect(problems, edge, gateway, "Gateway:Cloud:Password", v => v.Length > 0, "its password at the cloud");
            Expect(problems, edge, gateway, "Gateway:Devices:0:PasswordHash", v => v.StartsWith("pbkdf2", StringComparison.Ordinal), "its node's hashed password");
            Expect(problems, edge, gateway, "Gateway:AllowAnonymous", v => false, "never set");
            var device = edge.GetValueOrDefault("Gateway:Devices:0:Username") ?? "";
            if (!List(edge, "Gateway:Devices:0:Stations").Order().SequenceEqual(own.Keys.Order()))
            {
                problems.Add($"{gateway}'s device serves [{string.Join(", ", List(edge, "Gateway:Devices:0:Stations"))}], the park has [{string.Join(", ", own.Keys)}]");
            }

            if (!Enumerable.Range(0, 10).Any(i => cloud.GetValueOrDefault($"Broker:Clients:{i}:Gateway") == gateway && cloud.GetValueOrDefault($"Broker:Clients:{i}:Park") == id
                && cloud.GetValueOrDefault($"Broker:Clients:{i}:Username") == edge.GetValueOrDefault("Gateway:Cloud:Username")
                && cloud.GetValueOrDefault($"Broker:Clients:{i}:PasswordHash")?.StartsWith("pbkdf2", StringComparison.Ordinal) == true))
            {
                problems.Add($"the cloud broker has no identity for gateway {gateway} of {id} as {edge.GetValueOrDefault("Gateway:Cloud:Username")}");
            }

            var node = services.Keys.Select(name => (Name: name, Settings: Settings(services, name))).FirstOrDefault(s => s.Settings.GetValueOrDefault("Node:Park") == id);
            if (node.Name is null)
            {
                problems.Add($"no node for park {id}");
                continue;
            }

            Expect(problems, node.Settings, node.Name, "Node:Gateway:Host", v => v == gateway, gateway);
            Expect(problems, node.Settings, node.Name, "Node:Gateway:Username", v => v == device, device);
            Expect(problems, node.Settings, node.Name, "Node:Gateway:Password", v => v.Length > 0, "its password");
            Expect(problems, node.Settings, node.Name, "Node:Gateway:Tls:CaPath", v => v.Length > 0, "the gateway checked against the CA");
            Expect(problems, node.Settings, node.Name, "Node:Backend", v => v == "Simulator", "the simulator");
            var simulated = Enumerable.Range(0, 10).Where(i => node.Settings.ContainsKey($"Node:Stations:{i}:Id"))
                .ToDictionary(i => node.Settings[$"Node:Stations:{i}:Id"], i => node.Settings.GetValueOrDefault($"Node:Stations:{i}:Medium") ?? "");
            if (!simulated.OrderBy(s => s.Key).SequenceEqual(own.OrderBy(s => s.Key)))
            {
                problems.Add($"{node.Name} simulates [{string.Join(", ", simulated)}], the park has [{string.Join(", ", own)}]");
            }
        }

        var grafana = Environment(services, "grafana");
        Expect(problems, grafana, "grafana", "GF_SECURITY_ADMIN_PASSWORD", v => v.Length > 0 && v != "admin", "a password from .env, never Grafana's default");
        if (!Mounts(services, "grafana").Any(m => m.Source == "dashboards/grafana/provisioning"))
        {
            problems.Add("grafana does not mount dashboards/grafana/provisioning");
        }

        if (!Mounts(services, "prometheus").Any(m => m.Source == "deploy/prometheus/prometheus.yml"))
        {
            problems.Add("prometheus does not mount deploy/prometheus/prometheus.yml");
        }

        Assert.True(problems.Count == 0, "docker-compose.yml is not the system of ./envmon run:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_setting_compose_gives_our_programs_is_one_they_read()
    {
        var services = await ConfigAsync();
        var problems = new List<string>();
        var checkedKeys = 0;
        foreach (var (name, service) in services)
        {
            if (Dockerfile(service) is not { } dockerfile || !Programs.TryGetValue(dockerfile, out var keys))
            {
                continue;
            }

            if (service.Children.ContainsKey("entrypoint"))
            {
                continue; // the certs service runs the cloud's certificates command, not the host
            }

            foreach (var key in Settings(services, name).Keys)
            {
                checkedKeys++;
                if (!keys.Exists(key, out var why))
                {
                    problems.Add($"{name}: {key} is not read by {dockerfile}'s program: {why}");
                }
            }
        }

        Assert.True(checkedKeys > 100, $"only {checkedKeys} settings were checked");
        Assert.True(problems.Count == 0, "Settings no program reads:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_key_check_refuses_a_misspelt_key()
    {
        var cloud = Programs["cloud/Dockerfile"];
        Assert.Contains("Influx", cloud.Sections);
        Assert.True(cloud.Exists("Broker:Clients:0:PasswordHash", out _));
        Assert.True(cloud.Exists("Stations:3:Site:dischargeM3PerDay", out _));
        Assert.False(cloud.Exists("Broker:Clients:0:Password", out var why));
        Assert.Contains("Password", why, StringComparison.Ordinal);
        Assert.False(cloud.Exists("Influx:Url:Host", out _));
        Assert.False(cloud.Exists("Broker:Clients:first:Username", out _));
        Assert.False(cloud.Exists("Infux:Url", out _));
        Assert.True(Programs["edge/Dockerfile"].Exists("Gateway:Intake:Directory", out _) || Programs["edge/Dockerfile"].Sections.Contains("Gateway:Intake"));
    }

    [Fact]
    public async Task Compose_refuses_to_start_without_its_secrets_and_names_the_missing_one()
    {
        var empty = Path.GetTempFileName();
        try
        {
            var (exitCode, output) = await ComposeAsync(empty, "config", "-q");
            Assert.NotEqual(0, exitCode);
            Assert.Contains("in .env (./envmon compose-env writes one; see .env.example)", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    /// <summary>The services of the resolved file, with the variables of .env.example.</summary>
    private static async Task<Dictionary<string, YamlMappingNode>> ConfigAsync()
    {
        var (exitCode, output) = await ComposeAsync(Path.Combine(RepositoryRoot.Path, ".env.example"), "config");
        Assert.True(exitCode == 0, $"docker-compose config failed:\n{output}");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(output));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("services")];
        return services.Children.ToDictionary(s => ((YamlScalarNode)s.Key).Value!, s => (YamlMappingNode)s.Value, StringComparer.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> ComposeAsync(string envFile, params string[] arguments)
    {
        if (!File.Exists("/usr/bin/docker-compose"))
        {
            throw new InvalidOperationException("docker-compose is not installed: run `./envmon test` (it installs Debian's docker-compose) or `apt-get install -y docker-compose`.");
        }

        using var compose = ChildProcess.Start("/usr/bin/docker-compose", ["--env-file", envFile, "-f", ComposeFile, .. arguments], RepositoryRoot.Path, outputCapacityChars: 1 << 20);
        await compose.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (compose.ExitCode ?? -1, compose.OutputTail);
    }

    /// <summary>A service's settings as configuration keys: its environment (<c>__</c> → <c>:</c>) and its <c>--Key=value</c> arguments.</summary>
    private static Dictionary<string, string> Settings(Dictionary<string, YamlMappingNode> services, string name)
    {
        var settings = Environment(services, name).ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => e.Value, StringComparer.OrdinalIgnoreCase);
        if (services[name].Children.TryGetValue(new YamlScalarNode("command"), out var command) && command is YamlSequenceNode arguments && !services[name].Children.ContainsKey("entrypoint"))
        {
            foreach (var argument in arguments.Select(a => ((YamlScalarNode)a).Value!))
            {
                Assert.True(argument.StartsWith("--", StringComparison.Ordinal) && argument.Contains('=', StringComparison.Ordinal), $"{name}: {argument} is not --Section:Key=value");
                settings[argument[2..argument.IndexOf('=', StringComparison.Ordinal)]] = argument[(argument.IndexOf('=', StringComparison.Ordinal) + 1)..];
            }
        }

        return settings;
    }

    private static Dictionary<string, string> Environment(Dictionary<string, YamlMappingNode> services, string name) =>
        services[name].Children.TryGetValue(new YamlScalarNode("environment"), out var environment)
            ? ((YamlMappingNode)environment).Children.ToDictionary(
                e => ((YamlScalarNode)e.Key).Value!,
                e => (((YamlScalarNode)e.Value).Value ?? "").Replace("$$", "$", StringComparison.Ordinal),
                StringComparer.Ordinal)
            : [];

    /// <summary>A service's bind mounts: the source relative to the repository, and the target.</summary>
    private static List<(string Source, string Target)> Mounts(Dictionary<string, YamlMappingNode> services, string name) =>
        services[name].Children.TryGetValue(new YamlScalarNode("volumes"), out var volumes)
            ? [.. ((YamlSequenceNode)volumes).Select(v => v is YamlScalarNode scalar
                    ? scalar.Value!.Split(':')
                    : [((YamlScalarNode)((YamlMappingNode)v).Children[new YamlScalarNode("source")]).Value!, ((YamlScalarNode)((YamlMappingNode)v).Children[new YamlScalarNode("target")]).Value!])
                .Select(parts => (Path.GetRelativePath(RepositoryRoot.Path, Path.IsPathRooted(parts[0]) ? parts[0] : Path.Combine(RepositoryRoot.Path, parts[0])).Replace('\\', '/'), parts[1]))]
            : [];

    private static string? Dockerfile(YamlMappingNode service) =>
        service.Children.TryGetValue(new YamlScalarNode("build"), out var build) && build is YamlMappingNode mapping
            && mapping.Children.TryGetValue(new YamlScalarNode("dockerfile"), out var file) ? ((YamlScalarNode)file).Value : null;

    private static IEnumerable<string> List(Dictionary<string, string> settings, string prefix) =>
        settings.Where(s => s.Key.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase) && int.TryParse(s.Key[(prefix.Length + 1)..], out _)).Select(s => s.Value);

    private static void Expect(List<string> problems, Dictionary<string, string> settings, string service, string key, Func<string, bool> holds, string what)
    {
        if (!settings.TryGetValue(key, out var value))
        {
            if (what != "never set")
            {
                problems.Add($"{service}: {key} is not set ({what})");
            }
        }
        else if (!holds(value))
        {
            problems.Add($"{service}: {key}={value} is not {what}");
        }
    }
}
