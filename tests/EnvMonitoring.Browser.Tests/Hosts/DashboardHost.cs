using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;

namespace EnvMonitoring.Browser.Tests.Hosts;

/// <summary>
/// The real cloud host as a process (its own database, broker port and HTTPS port, kept across
/// restarts) serving the dashboard over HTTPS as <c>./envmon run</c> does, with the test's stations
/// registered and the test users of <see cref="TestUsers"/>; plus an MQTT publisher standing in for the stations.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly CloudProcess _cloud;
    private readonly int _publishPort;
    private StationPublisher? _publisher;

    private DashboardHost(CloudProcess cloud, int publishPort, StationPublisher publisher)
    {
        _cloud = cloud;
        _publishPort = publishPort;
        _publisher = publisher;
    }

    /// <summary>The dashboard's https:// address.</summary>
    public Uri BaseAddress => _cloud.BaseAddress;

    /// <summary>The host's HTTP API, signed in as the admin test user (HTTP Basic).</summary>
    public HttpClient Http => _cloud.Http;

    public CloudProcess Process => _cloud;

    public StationPublisher Publisher => _publisher ?? throw new InvalidOperationException("The host is stopped: no publisher.");

    /// <summary>
    /// Starts the host serving HTTPS with the server certificate of <paramref name="tls"/> (the one the browser accepts:
    /// <c>Chromium.Certificates</c>); <paramref name="settings"/> add configuration as environment variables (e.g. <c>Security__Users__4__Name</c>);
    /// <paramref name="shape"/> changes the process settings (e.g. an external broker and a shared database for several instances);
    /// <paramref name="publishPort"/> is where the stations publish when that is not the host's broker port (an external broker's plain listener).
    /// </summary>
    public static async Task<DashboardHost> StartAsync(
        InfluxServer influx, TestCertificates tls, IReadOnlyList<TestStation> stations, ITestOutputHelper log, IEnumerable<KeyValuePair<string, string>>? settings = null,
        Func<CloudProcessSettings, CloudProcessSettings>? shape = null, int? publishPort = null)
    {
        ArgumentNullException.ThrowIfNull(influx);
        ArgumentNullException.ThrowIfNull(tls);
        ArgumentNullException.ThrowIfNull(stations);
        var extra = new Dictionary<string, string>
        {
            // Time-driven rules (clearing, offline) and coalescing run often enough for 2-second expectations.
            ["Rules__TickInterval"] = "00:00:00.200",
            ["Ingestion__FlushInterval"] = "00:00:00.050",
        };
        for (var i = 0; i < stations.Count; i++)
        {
            foreach (var (key, value) in stations[i].Settings(i))
            {
                extra[key] = value;
            }
        }

        foreach (var (key, value) in settings ?? [])
        {
            extra[key] = value;
        }

        var process = new CloudProcessSettings
        {
            Influx = influx,
            Database = $"browser_{Guid.NewGuid():N}",
            BrokerPort = FreePort.Next(),
            Tls = tls,
            Extra = extra,
        };
        process = shape?.Invoke(process) ?? process;
        var cloud = await CloudProcess.StartAsync(process, log);
        try
        {
            var port = publishPort ?? process.BrokerPort;
            return new DashboardHost(cloud, port, await StationPublisher.ConnectAsync(port));
        }
        catch
        {
            await cloud.DisposeAsync();
            throw;
        }
    }

    /// <summary>Publishes one sample of <paramref name="station"/>, measured now unless told otherwise.</summary>
    public Task PublishAsync(TestStation station, IReadOnlyDictionary<string, double> values, IReadOnlyDictionary<string, int>? status = null, DateTimeOffset? measuredAt = null)
    {
        ArgumentNullException.ThrowIfNull(station);
        return Publisher.PublishAsync(station.Park, station.Station, values, status, measuredAt);
    }

    /// <summary>SIGKILL: the host dies at once (a crash or power cut); the browser's hub connection drops.</summary>
    public async Task KillAsync()
    {
        if (_publisher is not null)
        {
            await _publisher.DisposeAsync();
            _publisher = null;
        }

        await _cloud.KillAsync();
    }

    /// <summary>Starts the host again on the same ports with the same settings, and reconnects the publisher.</summary>
    public async Task StartAgainAsync()
    {
        await _cloud.StartAgainAsync();
        _publisher = await StationPublisher.ConnectAsync(_publishPort);
    }

    public async ValueTask DisposeAsync()
    {
        if (_publisher is not null)
        {
            await _publisher.DisposeAsync();
        }

        await _cloud.DisposeAsync();
    }
}
