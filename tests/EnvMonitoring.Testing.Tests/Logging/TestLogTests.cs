using EnvMonitoring.Testing.Logging;
using Microsoft.Extensions.Logging;
using Xunit.Sdk;

namespace EnvMonitoring.Testing.Tests.Logging;

public sealed class TestLogTests
{
    [Fact]
    public void Dispose_fails_the_test_on_an_error_nobody_expected()
    {
        var log = new TestLog();
        var logger = log.CreateLogger("EnvMonitoring.Cloud.Ingestion.BatchWriter");

        logger.LogInformation("stored 100 lines");
        logger.LogError(new IOException("disk full"), "the batch could not be written");

        var error = Assert.Throws<XunitException>(log.Dispose);
        Assert.Contains("1 warning(s) or error(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("EnvMonitoring.Cloud.Ingestion.BatchWriter", error.Message, StringComparison.Ordinal);
        Assert.Contains("the batch could not be written", error.Message, StringComparison.Ordinal);
        Assert.Contains("IOException: disk full", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("stored 100 lines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_fails_on_an_unexpected_warning_too()
    {
        var log = new TestLog();

        log.CreateLogger("Gateway").LogWarning("the cloud is unreachable");

        Assert.Throws<XunitException>(log.Dispose);
    }

    [Fact]
    public void Dispose_passes_when_every_warning_and_error_is_expected()
    {
        using var log = new TestLog();
        var logger = log.CreateLogger("Notifications");
        log.ExpectEvent("DeliveryRetried", "the receiver answers 503 twice")
           .Expect(e => e.Category == "Notifications" && e.Message.Contains("SMTP 550", StringComparison.Ordinal), "the server refuses the mailbox");

        logger.Log(LogLevel.Warning, new EventId(3, "DeliveryRetried"), "attempt {Attempt} failed", 1);
        logger.LogError("SMTP 550 mailbox unavailable");
        logger.LogInformation("delivered");

        Assert.Empty(log.Unexpected);
        Assert.Equal(3, log.Entries.Count);
    }

    [Fact]
    public void An_expectation_allows_only_what_it_matches()
    {
        var log = new TestLog().ExpectEvent("DeliveryRetried", "the receiver answers 503 twice");
        var logger = log.CreateLogger("Notifications");

        logger.Log(LogLevel.Warning, new EventId(3, "DeliveryRetried"), "attempt 1 failed");
        logger.Log(LogLevel.Error, new EventId(4, "DeliveryAbandoned"), "gave up");

        var unexpected = Assert.Single(log.Unexpected);
        Assert.True(unexpected.Is("DeliveryAbandoned"));
        var error = Assert.Throws<XunitException>(log.Dispose);
        Assert.Contains("the receiver answers 503 twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_using_the_provider_records_category_level_event_and_exception()
    {
        using var log = new TestLog();
        using (var factory = LoggerFactory.Create(b => b.AddProvider(log.Provider).SetMinimumLevel(LogLevel.Debug)))
        {
            factory.CreateLogger("Node.Sampling").Log(LogLevel.Debug, new EventId(7, "Sampled"), new TimeoutException("late"), "sampled {Station}", "YB-01");
        }

        var entry = Assert.Single(log.Entries);
        Assert.Equal("Node.Sampling", entry.Category);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Equal(7, entry.EventId.Id);
        Assert.True(entry.Is("Sampled"));
        Assert.Equal("sampled YB-01", entry.Message);
        Assert.IsType<TimeoutException>(entry.Exception);
    }

    [Fact]
    public async Task WaitForAsync_returns_the_entry_once_it_is_logged()
    {
        using var log = new TestLog();
        var logger = log.CreateLogger("Intake");

        var waiting = log.WaitForAsync(e => e.Message.Contains("archived", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the file is archived");
        Assert.False(waiting.IsCompleted);
        await Task.Run(() => logger.LogInformation("a.csv archived"));

        Assert.Equal("a.csv archived", (await waiting).Message);
    }

    [Fact]
    public async Task WaitForAsync_counts_an_entry_logged_before_the_wait()
    {
        using var log = new TestLog();
        log.CreateLogger("Intake").LogInformation("intake off");

        var entry = await log.WaitForAsync(e => e.Message == "intake off", TimeSpan.FromSeconds(1), "the intake said it is off");

        Assert.Equal("Intake", entry.Category);
    }

    [Fact]
    public async Task WaitForAsync_times_out_with_the_reason_and_the_last_entries()
    {
        using var log = new TestLog();
        log.CreateLogger("Intake").LogInformation("scanning");

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => log.WaitForAsync(e => e.Message == "never", TimeSpan.FromMilliseconds(100), "pigs fly"));

        Assert.Contains("pigs fly", error.Message, StringComparison.Ordinal);
        Assert.Contains("scanning", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_from_many_threads_are_all_kept()
    {
        using var log = new TestLog();
        var logger = log.CreateLogger("Load");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                logger.LogInformation("thread {Thread} entry {Entry}", t, i);
            }
        })));

        Assert.Equal(8_000, log.Entries.Count);
    }

    [Fact]
    public void Entries_are_forwarded_to_the_test_output()
    {
        var output = new RecordingOutput();
        using var log = new TestLog(output);

        log.CreateLogger("Gateway").LogInformation("connected to the cloud");

        Assert.Contains(output.Lines, l => l.Contains("Gateway", StringComparison.Ordinal) && l.Contains("connected to the cloud", StringComparison.Ordinal));
    }
}
