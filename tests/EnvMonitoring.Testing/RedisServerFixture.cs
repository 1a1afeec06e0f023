using Xunit;

namespace EnvMonitoring.Testing;

/// <summary>
/// One private <see cref="RedisServer"/> (TLS and password) shared by a test class or collection.
/// Tests sharing it own their data by using their own key prefix.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServer? _server;

    /// <summary>The running server; available once xUnit has initialised the fixture.</summary>
    public RedisServer Server =>
        _server ?? throw new InvalidOperationException("The RedisServerFixture has not been initialised by xUnit.");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }
}
