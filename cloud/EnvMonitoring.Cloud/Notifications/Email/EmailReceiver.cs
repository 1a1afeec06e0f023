using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace EnvMonitoring.Cloud.Notifications.Email;

/// <summary>
/// Sends one alert e-mail per delivery through the configured SMTP server (MailKit), a session per
/// message. 4xx replies, dropped connections and timeouts are transient (retried); 5xx replies,
/// failed authentication and TLS failures are refusals a retry would not change.
/// </summary>
internal sealed class EmailReceiver : INotificationReceiver
{
    private readonly SmtpOptions _smtp;
    private readonly MailboxAddress _from;
    private readonly InternetAddress[] _to;
    private readonly TimeSpan _attemptTimeout;

    public EmailReceiver(string name, EmailRouteOptions route, SmtpOptions smtp, TimeSpan attemptTimeout)
    {
        Name = name;
        Route = new NotificationRoute(route);
        _smtp = smtp;
        _from = MailboxAddress.Parse(smtp.From);
        _to = [.. route.To.Select(InternetAddress.Parse)];
        _attemptTimeout = attemptTimeout;
    }

    public string Name { get; }

    public string Channel => NotificationChannels.Email;

    public NotificationRoute Route { get; }

    public async Task<DeliveryOutcome> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        using var message = AlertMail.Build(delivery, _from, _to);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_attemptTimeout);
        using var client = new SmtpClient { Timeout = (int)_attemptTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(_smtp.Host, _smtp.Port, Security(_smtp.Security), attempt.Token);
            if (!string.IsNullOrEmpty(_smtp.User))
            {
                await client.AuthenticateAsync(_smtp.User, _smtp.Password ?? "", attempt.Token);
            }

            var reply = await client.SendAsync(message, attempt.Token);
            await client.DisconnectAsync(quit: true, attempt.Token);
            return DeliveryOutcome.Delivered(reply);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Transient($"no answer from {_smtp.Host}:{_smtp.Port} within {_attemptTimeout}");
        }
        catch (SmtpCommandException e)
        {
            var detail = $"SMTP {(int)e.StatusCode} {e.ErrorCode}: {e.Message}";
            return (int)e.StatusCode is >= 400 and < 500 ? DeliveryOutcome.Transient(detail) : DeliveryOutcome.Permanent(detail);
        }
        catch (AuthenticationException e)
        {
            return DeliveryOutcome.Permanent($"authentication as '{_smtp.User}' failed: {e.Message}");
        }
        catch (SslHandshakeException e)
        {
            return DeliveryOutcome.Permanent($"TLS with {_smtp.Host}:{_smtp.Port} failed: {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or TimeoutException)
        {
            return DeliveryOutcome.Transient($"{e.GetType().Name}: {e.Message}");
        }
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}
