using System.Globalization;

namespace EnvMonitoring.Testing;

/// <summary>How <see cref="MosquittoServer"/> configures its private broker.</summary>
public sealed record MosquittoOptions
{
    /// <summary>Deployed settings the fixture sets itself (<see cref="FromDeployedConfig"/> leaves them out).</summary>
    private static readonly HashSet<string> FixtureOwned = new(StringComparer.Ordinal)
    {
        "listener", "certfile", "keyfile", "cafile", "allow_anonymous", "password_file", "acl_file", "user", "persistence_location",
        "persistence_file", "log_dest", "log_type", "log_timestamp_format", "set_tcp_nodelay",
    };

    /// <summary>
    /// Whether the broker saves retained messages, sessions and queued QoS 1/2 messages to a file
    /// in its temp directory, so they survive <see cref="MosquittoServer.RestartAsync"/>. Mosquitto
    /// writes the file on a graceful stop and every <see cref="AutosaveInterval"/>; a
    /// <see cref="MosquittoServer.KillAsync"/> loses what was not saved yet. Default false.
    /// </summary>
    public bool Persistence { get; init; }

    /// <summary>How often a persistent broker saves its state; mosquitto's own default is 30 min.</summary>
    public TimeSpan AutosaveInterval { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// QoS 1/2 messages queued per client beyond those in flight. 0 means no limit in mosquitto
    /// 2.0 (its own default is 1000), so by default no queued QoS 1 message is ever dropped.
    /// </summary>
    public int MaxQueuedMessages { get; init; }

    /// <summary>QoS 1/2 messages in flight per client; 0 means no limit, 20 is mosquitto's default.</summary>
    public int MaxInflightMessages { get; init; } = 20;

    /// <summary>
    /// A second listener, MQTTS on <see cref="MosquittoServer.TlsPort"/>, with a server certificate for
    /// 127.0.0.1/localhost from a private CA the broker makes (<see cref="MosquittoServer.Certificates"/>),
    /// as <c>./envmon run --instances</c> serves its cloud instances. Default false: plain MQTT only.
    /// </summary>
    public bool Tls { get; init; }

    /// <summary>
    /// The identities mosquitto accepts, as deployed: <c>allow_anonymous false</c>, a <c>password_file</c> hashed by
    /// <c>mosquitto_passwd</c> and an <c>acl_file</c> with each identity's topics (<see cref="MosquittoAcl"/>), on every
    /// listener. Default null: anonymous clients, no ACL.
    /// </summary>
    public IReadOnlyList<TestBrokerClient>? Clients { get; init; }

    /// <summary>Extra mosquitto.conf lines appended verbatim, for what the options above do not cover.</summary>
    public IReadOnlyList<string> ExtraConfigLines { get; init; } = [];

    /// <summary>
    /// The mosquitto configuration we ship (<c>deploy/mosquitto/mosquitto.conf</c>, at
    /// <paramref name="configPath"/>) as options for a test broker: its queueing, in-flight and
    /// persistence settings are used verbatim (other lines it sets go into
    /// <see cref="ExtraConfigLines"/>), so a test or benchmark on mosquitto runs the deployed
    /// configuration. Listener, certificates, security, paths and logging stay the fixture's own (a
    /// private port, <see cref="Tls"/> for an MQTTS one, anonymous clients unless <see cref="Clients"/>, a temp folder).
    /// </summary>
    public static MosquittoOptions FromDeployedConfig(string configPath)
    {
        var options = new MosquittoOptions();
        var extra = new List<string>();
        foreach (var raw in File.ReadAllLines(configPath))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            var (key, value) = (parts[0], parts.Length > 1 ? parts[1] : "");
            options = key switch
            {
                "max_queued_messages" => options with { MaxQueuedMessages = int.Parse(value, CultureInfo.InvariantCulture) },
                "max_inflight_messages" => options with { MaxInflightMessages = int.Parse(value, CultureInfo.InvariantCulture) },
                "persistence" => options with { Persistence = value == "true" },
                "autosave_interval" => options with { AutosaveInterval = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture)) },
                _ => options,
            };
            if (key is not ("max_queued_messages" or "max_inflight_messages" or "persistence" or "autosave_interval") && !FixtureOwned.Contains(key))
            {
                extra.Add(line);
            }
        }

        return options with { ExtraConfigLines = extra };
    }
}
