using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace EnvMonitoring.Cloud.Notifications.Webhooks;

/// <summary>
/// POSTs the signed JSON of one alert event to a configured URL. 2xx is delivered; 408, 429, 5xx,
/// timeouts and unreachable receivers are transient (retried, honouring Retry-After); any other
/// answer (a 4xx, a redirect) is a refusal that no retry would change.
/// </summary>
internal sealed class WebhookReceiver : INotificationReceiver
{
    public const string HttpClientName = "EnvMonitoring.Notifications.Webhook";

    private static readonly ProductInfoHeaderValue UserAgent = new("EnvMonitoring-Notifications", "1");

    private readonly WebhookOptions _options;
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _time;
    private readonly TimeSpan _attemptTimeout;

    public WebhookReceiver(WebhookOptions options, IHttpClientFactory http, TimeProvider time, TimeSpan attemptTimeout)
    {
        _options = options;
        _http = http;
        _time = time;
        _attemptTimeout = attemptTimeout;
        Route = new NotificationRoute(options);
    }

    public string Name => _options.Name;

    public string Channel => NotificationChannels.Webhook;

    public NotificationRoute Route { get; }

    public async Task<DeliveryOutcome> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var sentAt = _time.GetUtcNow();
        var payload = WebhookPayload.From(delivery, sentAt);
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, WebhookJsonContext.Default.WebhookPayload);
        var timestamp = sentAt.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(_options.Secret, timestamp, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id);
        request.Headers.Add(WebhookSignature.EventHeader, payload.Event);

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_attemptTimeout);
        try
        {
            using var response = await _http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            return Classify(response, sentAt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Transient($"no answer within {_attemptTimeout}");
        }
        catch (HttpRequestException e)
        {
            return DeliveryOutcome.Transient($"{e.HttpRequestError}: {e.Message}");
        }
    }

    private static DeliveryOutcome Classify(HttpResponseMessage response, DateTimeOffset sentAt)
    {
        var status = (int)response.StatusCode;
        var detail = $"HTTP {status} {response.ReasonPhrase}";
        if (response.IsSuccessStatusCode)
        {
            return DeliveryOutcome.Delivered(detail);
        }

        if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            return DeliveryOutcome.Transient(detail, RetryAfter(response, sentAt));
        }

        return DeliveryOutcome.Permanent(detail);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset sentAt) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when date > sentAt => date - sentAt,
            _ => null,
        };
}
