using Xunit;

namespace EnvMonitoring.Testing;

/// <summary>
/// One private <see cref="MosquittoServer"/> (default options) shared by a test class or
/// collection. Tests sharing it own their data by using their own topics and client ids.
/// </summary>
public sealed class MosquittoServerFixture : IAsyncLifetime
{
    private MosquittoServer? _server;

    /// <summary>The running broker; available once xUnit has initialised the fixture.</summary>
    public MosquittoServer Server =>
        _server ?? throw new InvalidOperationException("The MosquittoServerFixture has not been initialised by xUnit.");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _server = await MosquittoServer.StartAsync();

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
