using EnvMonitoring.Cloud.Cluster;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;
using EnvMonitoring.Testing;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace EnvMonitoring.Cloud.Tests.Cluster;

/// <summary>
/// One cloud instance as far as leases go: its own Redis connection (TLS, password), its own
/// station registry over the test's parks, a <see cref="RecordingCustodian"/> (plus any others)
/// and a running <see cref="ParkLeases"/> with short lease times: a test takes seconds, yet a
/// renewal may be late by well over a second (every test project runs at once on two cores)
/// before a lease is lost.
/// </summary>
internal sealed class LeaseInstance : IAsyncDisposable
{
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan RenewInterval = TimeSpan.FromMilliseconds(300);

    private bool _stopped;

    private LeaseInstance(string id, ClusterOptions options, IConnectionMultiplexer connection, StationRegistry registry, RecordingCustodian custodian, ParkLeases leases)
    {
        Id = id;
        Options = options;
        Connection = connection;
        Registry = registry;
        Custodian = custodian;
        Leases = leases;
    }

    public string Id { get; }

    public ClusterOptions Options { get; }

    public IConnectionMultiplexer Connection { get; }

    public StationRegistry Registry { get; }

    public RecordingCustodian Custodian { get; }

    public ParkLeases Leases { get; }

    public static ClusterOptions OptionsFor(RedisServer redis, string prefix, string id) => new()
    {
        Redis = redis.ConfigurationString,
        RedisCaCertificate = redis.CaCertificatePath,
        InstanceId = id,
        LeaseTime = LeaseTime,
        RenewInterval = RenewInterval,
        KeyPrefix = prefix,
    };

    /// <summary>Connects and builds the instance; <see cref="StartAsync"/> starts its leases.</summary>
    public static async Task<LeaseInstance> CreateAsync(
        RedisServer redis, string prefix, string id, IReadOnlyList<string> parks, CustodyJournal journal, ILoggerFactory logging, params IParkCustodian[] others)
    {
        var options = OptionsFor(redis, prefix, id);
        Assert.True(new ClusterOptionsValidator().Validate(null, options).Succeeded);
        var connection = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Configuration(options, null));
        var registry = RegistryOf(parks);
        var custodian = new RecordingCustodian(id, journal);
        var leases = new ParkLeases(connection, registry, [custodian, .. others], Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, logging.CreateLogger<ParkLeases>());
        custodian.Ownership = leases;
        return new LeaseInstance(id, options, connection, registry, custodian, leases);
    }

    /// <summary>A registry of one station per park.</summary>
    public static StationRegistry RegistryOf(IEnumerable<string> parks) => StationRegistry.Build(
        parks.Select(p => new StationDefinition { Park = p, Station = p + "-S1" }),
        RegulationLibrary.Default, ParameterCatalog.Default, RuleSettings.Default);

    public Task StartAsync() => Leases.StartAsync(CancellationToken.None);

    /// <summary>A graceful stop, as the host does it: every park handed over, leases and membership released.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Leases.StopAsync(deadline.Token);
    }

    /// <summary>
    /// A SIGKILL as Redis sees it: the connection goes at once and nothing more is sent, neither
    /// renewals nor releases. (The instance's own loops go on failing until disposed.)
    /// </summary>
    public async Task KillAsync() => await Connection.CloseAsync(allowCommandsToComplete: false);

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync();
        }

        Leases.Dispose();
        await Connection.DisposeAsync();
    }
}
