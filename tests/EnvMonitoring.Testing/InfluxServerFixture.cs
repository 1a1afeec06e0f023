using Xunit;

namespace EnvMonitoring.Testing;

/// <summary>
/// One private <see cref="InfluxServer"/> shared by a test class (<c>IClassFixture</c>) or a
/// collection (<c>ICollectionFixture</c>). Tests sharing it own their data by using their own
/// database names.
/// </summary>
public sealed class InfluxServerFixture : IAsyncLifetime
{
    private InfluxServer? _server;

    /// <summary>The running server; available once xUnit has initialised the fixture.</summary>
    public InfluxServer Server =>
        _server ?? throw new InvalidOperationException("The InfluxServerFixture has not been initialised by xUnit.");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _server = await InfluxServer.StartAsync();

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
