using System.Globalization;
using EnvMonitoring.Integration.Tests.Launcher;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>
/// The mosquitto configuration we ship (<c>deploy/mosquitto/mosquitto.conf</c>) as options for a
/// test broker: its queueing, in-flight and persistence settings are used verbatim, so a test on
/// mosquitto proves the deployed configuration. Listener, security, paths and logging stay the
/// fixture's own (a private port, anonymous clients, a temp folder).
/// </summary>
internal static class DeployedMosquitto
{
    public static string ConfigPath { get; } = Path.Combine(RepositoryRoot.Path, "deploy", "mosquitto", "mosquitto.conf");

    private static readonly HashSet<string> FixtureOwned = new(StringComparer.Ordinal)
    {
        "listener", "allow_anonymous", "password_file", "acl_file", "user", "persistence_location",
        "persistence_file", "log_dest", "log_type", "log_timestamp_format", "set_tcp_nodelay",
    };

    public static MosquittoOptions Options()
    {
        var options = new MosquittoOptions();
        var extra = new List<string>();
        foreach (var raw in File.ReadAllLines(ConfigPath))
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
