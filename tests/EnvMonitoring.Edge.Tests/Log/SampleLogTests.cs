using EnvMonitoring.Edge.Log;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Edge.Tests.Log;

/// <summary>The log does no I/O until the host starts it, and what it held survives a stop and a new start.</summary>
public sealed class SampleLogTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("envmon-samplelog-").FullName;

    [Fact]
    public void Constructing_the_log_touches_no_disk_and_using_it_before_start_says_so()
    {
        using var log = NewLog();

        Assert.False(Directory.Exists(log.Directory));
        var refused = Assert.Throws<InvalidOperationException>(() => log.BacklogBytes);
        Assert.Contains("not open", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_appended_before_a_stop_are_recovered_by_the_next_start()
    {
        var sample = new Sample("YB-WWTP-01", new DateTimeOffset(2026, 3, 15, 10, 30, 0, TimeSpan.FromHours(7)), [new Reading(ParameterCatalog.Default["pH"], 7.1)], 1);
        using (var first = NewLog())
        {
            await first.StartAsync(CancellationToken.None);
            await first.AppendAsync([sample], CancellationToken.None);
            await first.StopAsync(CancellationToken.None);
            Assert.True(first.Commits > 0);
        }

        using var second = NewLog();
        await second.StartAsync(CancellationToken.None);
        try
        {
            Assert.True(second.BacklogBytes > 0);
            Assert.Equal(sample.Timestamp, second.OldestUnsent());
        }
        finally
        {
            await second.StopAsync(CancellationToken.None);
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private SampleLog NewLog()
    {
        var options = new GatewayOptions { Park = "YenBinh", Id = "GW1" };
        options.Log.Directory = Path.Combine(_root, "log");
        return new SampleLog(Options.Create(options), new Environment(_root), NullLogger<SampleLog>.Instance);
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "EnvMonitoring.Edge.Tests";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
