using Xunit;

namespace EnvMonitoring.Testing;

/// <summary>
/// One private <see cref="PostgresServer"/> shared by a test class or collection (initdb takes a few
/// seconds). Tests sharing it own their data by making their own database
/// (<see cref="PostgresServer.CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    /// <summary>The running server; available once xUnit has initialised the fixture.</summary>
    public PostgresServer Server =>
        _server ?? throw new InvalidOperationException("The PostgresServerFixture has not been initialised by xUnit.");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

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
