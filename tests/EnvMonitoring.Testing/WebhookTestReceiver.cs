using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnvMonitoring.Testing;

/// <summary>
/// A real HTTP receiver (Kestrel on 127.0.0.1) for webhook tests: records every request it gets
/// and answers with the status a test scripts for each attempt (200 once the script runs out).
/// </summary>
public sealed class WebhookTestReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly Func<int, ReceivedRequest, Task<int>> _answer;
    private int _count;

    private WebhookTestReceiver(WebApplication app, Func<int, ReceivedRequest, Task<int>> answer)
    {
        _app = app;
        _answer = answer;
        app.MapPost("/hook", HandleAsync);
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request, in arrival order, with the status it was answered with.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>Bodies of the requests answered with 2xx: what the receiver accepted.</summary>
    public IReadOnlyList<ReceivedRequest> Accepted => [.. _requests.Where(r => r.Status is >= 200 and < 300)];

    /// <summary>Answers attempt n (1-based, across all requests) with <paramref name="statuses"/>[n-1], then 200.</summary>
    public static Task<WebhookTestReceiver> StartAsync(params int[] statuses) =>
        StartAsync((n, _) => Task.FromResult(n <= statuses.Length ? statuses[n - 1] : 200));

    public static async Task<WebhookTestReceiver> StartAsync(Func<int, ReceivedRequest, Task<int>> answer, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var receiver = new WebhookTestReceiver(builder.Build(), answer);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var request = new ReceivedRequest(
            context.Request.Headers["X-EnvMonitoring-Signature"].ToString(),
            context.Request.Headers["X-EnvMonitoring-Timestamp"].ToString(),
            context.Request.Headers["X-EnvMonitoring-Delivery"].ToString(),
            context.Request.Headers["X-EnvMonitoring-Event"].ToString(),
            context.Request.ContentType,
            body.ToArray());
        var status = await _answer(Interlocked.Increment(ref _count), request);
        _requests.Enqueue(request with { Status = status });
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status429TooManyRequests)
        {
            context.Response.Headers.RetryAfter = "0";
        }
    }
}

/// <summary>One webhook request as the receiver saw it.</summary>
public sealed record ReceivedRequest(string Signature, string Timestamp, string DeliveryId, string Event, string? ContentType, byte[] Body)
{
    public int Status { get; init; }

    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;
}
