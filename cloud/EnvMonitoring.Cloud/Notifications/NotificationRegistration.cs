using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Notifications.Email;
using EnvMonitoring.Cloud.Notifications.Outbox;
using EnvMonitoring.Cloud.Notifications.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Notifications;

internal static class NotificationRegistration
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddNotifications();
        return builder;
    }

    /// <summary>The notifier, its background delivery, options validated at start-up and metrics.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WebhookReceiver.HttpClientName)
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan) // each attempt has its own timeout
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirected POST would become a GET elsewhere: a redirect is reported, not followed.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .RemoveAllLoggers(); // the default handler logs URLs, and a webhook URL may hold a token
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton(Create);
        services.AddSingleton<IRulesListener, AlertNotificationListener>();
        services.AddHostedService<NotificationDelivery>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(NotificationMetrics.MeterName));
        return services;
    }

    private static AlertNotifier Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<NotificationOptions>>().Value;
        var metrics = services.GetRequiredService<NotificationMetrics>();
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AlertNotifier).FullName!);
        var http = services.GetRequiredService<IHttpClientFactory>();
        var receivers = new List<INotificationReceiver>();
        receivers.AddRange(options.Webhooks.Select(w => new WebhookReceiver(w, http, time, options.AttemptTimeout)));
        if (options.Smtp is { } smtp)
        {
            receivers.AddRange(options.Email.Select((route, i) => new EmailReceiver(NotificationRoute.EmailName(route, i), route, smtp, options.AttemptTimeout)));
        }

        var directory = OutboxFolder.Prepare(Path.GetFullPath(options.OutboxDirectory, services.GetRequiredService<IHostEnvironment>().ContentRootPath));
        var queues = new List<ReceiverQueue>();
        try
        {
            foreach (var receiver in receivers)
            {
                var (outbox, waiting) = ReceiverOutbox.Open(directory, OutboxFolder.FileName(receiver), receiver.Name, options.QueueCapacity, logger);
                queues.Add(new ReceiverQueue(receiver, outbox, waiting, options, metrics, time, logger));
            }
        }
        catch
        {
            queues.ForEach(q => q.Dispose());
            throw;
        }

        foreach (var orphan in OutboxFolder.Orphans(directory, receivers))
        {
            NotificationLog.OutboxOrphaned(logger, orphan);
        }

        return new AlertNotifier(queues, metrics, time);
    }
}
