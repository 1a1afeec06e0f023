using System.Collections.Concurrent;
using EnvMonitoring.Cloud.Broker;
using EnvMonitoring.Cloud.Ingestion;
using EnvMonitoring.Cloud.Quarantine;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace EnvMonitoring.Integration.Tests.Broker;

/// <summary>
/// A park changing hands closes its MQTT session while messages are still arriving: ingestion's
/// queue is full (InfluxDB is slow, or another park's session filled it), so the broker's window of
/// messages waits inside the MQTT client. None of them may be acknowledged by the closing session:
/// the broker keeps them for whoever resumes the session. (MQTTnet acknowledges a message that
/// arrives while a client has no receive handler; the session once removed its handler before
/// disconnecting, and a rolling restart under load lost samples.)
/// </summary>
public sealed class BrokerSessionCloseTests(ITestOutputHelper output)
{
    private const int Parks = 4;
    private const int Messages = 10_000;
    private const int ReceiveMaximum = 100;
    private static readonly TimeSpan HoldFor = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StoreTime = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task Sessions_closed_and_resumed_again_and_again_under_a_stream_lose_no_message()
    {
        await using var broker = await MosquittoServer.StartAsync(DeployedMosquitto.Options());
        // Parks side by side, as an instance holds several: more hand-overs, and they contend for the cores as under load.
        var parks = await Task.WhenAll(Enumerable.Range(0, Parks).Select(park => HandOverWhileStreamingAsync(broker.Port, park)));
        foreach (var (park, holders, received) in parks)
        {
            output.WriteLine($"park {park}: {holders} holders in turn took {received} distinct messages of {Messages}");
        }

        Assert.All(parks, p => Assert.Equal(Messages, p.Received));
    }

    [Fact]
    public async Task An_ack_through_a_stopped_session_is_taken_for_a_closed_session_and_the_message_comes_again()
    {
        await using var broker = await MosquittoServer.StartAsync(DeployedMosquitto.Options());
        var clientId = $"stopped-{Guid.NewGuid():N}";
        var received = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        IngestedMessage taken;
        await using (var holder = Session.Start(broker.Port, clientId, "stopped/#", received, acknowledge: false))
        {
            await Eventually.UntilAsync(() => Task.FromResult(holder.IsConnected), TimeSpan.FromSeconds(15), "the session is connected");
            await using (var publisher = await PipelinedPublisher.ConnectAsync(broker.Port, $"publisher-{Guid.NewGuid():N}"))
            {
                await publisher.PublishAsync([("stopped/1", new byte[] { 1 })]);
            }

            taken = await holder.TakeAsync(TimeSpan.FromSeconds(15));
        }

        // The holder is stopped and its client disposed; the batch writer acks what it stored only now.
        var thrown = await Record.ExceptionAsync(() => taken.Delivery!.AcknowledgeAsync(CancellationToken.None));
        output.WriteLine($"ack after the stop: {thrown?.GetType().FullName}: {thrown?.Message}");
        Assert.NotNull(thrown);
        Assert.True(Acknowledger.SessionClosed(thrown), $"{thrown.GetType().Name} is not taken for a closed session: {thrown}");

        // Never acknowledged, so the broker gives it to whoever resumes the session.
        await using var next = Session.Start(broker.Port, clientId, "stopped/#", received, acknowledge: false);
        Assert.Equal("stopped/1", (await next.TakeAsync(TimeSpan.FromSeconds(15))).Topic);
    }

    /// <summary>Streams <see cref="Messages"/> into one park's session while holders take it in turn; how many distinct messages reached a holder.</summary>
    private static async Task<(int Park, int Holders, int Received)> HandOverWhileStreamingAsync(int port, int park)
    {
        var clientId = $"closing-{park}-{Guid.NewGuid():N}";
        var filter = $"closing/{park}/#";
        var received = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);

        // The persistent session exists before anything is published, as a park's does once it was ever consumed.
        await using (var first = Session.Start(port, clientId, filter, received))
        {
            await Eventually.UntilAsync(() => Task.FromResult(first.IsConnected), TimeSpan.FromSeconds(15), "the session is connected");
        }

        await using var publisher = await PipelinedPublisher.ConnectAsync(port, $"publisher-{park}-{Guid.NewGuid():N}");
        var publishing = publisher.PublishAsync(Enumerable.Range(0, Messages).Select(i => ($"closing/{park}/{i}", new byte[] { 1 })));

        // The session changes hands while the stream flows: each holder stores (here: counts) and acknowledges what it takes.
        var holders = 0;
        while (!publishing.IsCompleted)
        {
            await using var holder = Session.Start(port, clientId, filter, received);
            holders++;
            await Task.Delay(HoldFor);
        }

        await publishing;
        await using var last = Session.Start(port, clientId, filter, received);
        // Whatever is still queued reaches the last holder; the test reports every park's count together.
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (received.Count < Messages && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        return (park, holders, received.Count);
    }

    /// <summary>One <see cref="BrokerSession"/> as ingestion runs it, with a consumer that takes and acknowledges every message as the batch writer would.</summary>
    private sealed class Session : IAsyncDisposable
    {
        private readonly BrokerSession _session;
        private readonly CancellationTokenSource _stop = new();
        private readonly DeliveryQueue _queue;
        private readonly Task _running;
        private readonly Task _consuming;

        private Session(BrokerSession session, DeliveryQueue queue, ConcurrentDictionary<string, byte> received, bool acknowledge)
        {
            _session = session;
            _queue = queue;
            _running = session.RunAsync(_stop.Token);
            _consuming = acknowledge ? ConsumeAsync(queue, received, _stop.Token) : Task.CompletedTask;
        }

        public bool IsConnected => _session.IsConnected;

        /// <summary>Starts a holder; without <paramref name="acknowledge"/> its messages wait in its queue for <see cref="TakeAsync"/>.</summary>
        public static Session Start(int port, string clientId, string filter, ConcurrentDictionary<string, byte> received, bool acknowledge = true)
        {
            var settings = new IngestionOptions { ReceiveMaximum = ReceiveMaximum };
            var queue = new DeliveryQueue(Options.Create(settings));
            var codec = SampleCodec.Default;
            var decoder = new MessageDecoder(codec, new SampleAdmission(new StationRegistry([]), Options.Create(settings), TimeProvider.System, codec),
                Options.Create(new QuarantineOptions()));
            var session = new BrokerSession(clientId, [filter], reportsStatus: false, new BrokerOptions { Host = "127.0.0.1", Port = port, Embedded = false },
                settings, new IngestionTls(Options.Create(settings)), decoder, queue, new IngestionStatus(), TimeProvider.System, NullLogger.Instance);
            return new Session(session, queue, received, acknowledge);
        }

        /// <summary>The next message the session queued, unacknowledged.</summary>
        public async Task<IngestedMessage> TakeAsync(TimeSpan timeout)
        {
            using var waiting = new CancellationTokenSource(timeout);
            while (await _queue.WaitAsync(waiting.Token))
            {
                if (_queue.TryDequeue(out var message))
                {
                    return message;
                }
            }

            throw new InvalidOperationException("the session's queue completed without a message");
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running;
            await _consuming;
            _stop.Dispose();
        }

        /// <summary>Counts a message, then acknowledges it; an ack the closed session cannot send leaves it with the broker.</summary>
        private static async Task ConsumeAsync(DeliveryQueue queue, ConcurrentDictionary<string, byte> received, CancellationToken stop)
        {
            try
            {
                var batch = new List<IngestedMessage>();
                while (await queue.WaitAsync(stop))
                {
                    while (queue.TryDequeue(out var message))
                    {
                        received.TryAdd(message.Topic, 0);
                        batch.Add(message);
                    }

                    // A write to InfluxDB takes a while: meanwhile the queue fills and the broker's window waits in the client.
                    await Task.Delay(StoreTime, stop);
                    foreach (var message in batch)
                    {
                        await AcknowledgeAsync(message);
                    }

                    batch.Clear();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The holder stops; what it did not acknowledge is redelivered to the next.
            }
        }

        private static async Task AcknowledgeAsync(IngestedMessage message)
        {
            try
            {
                await message.Delivery!.AcknowledgeAsync(CancellationToken.None);
            }
            catch (Exception e) when (Acknowledger.SessionClosed(e))
            {
                // Closed meanwhile: the broker redelivers it.
            }
        }
    }
}
