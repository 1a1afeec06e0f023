namespace EnvMonitoring.Cloud.Notifications;

/// <summary>How one attempt ended.</summary>
internal readonly record struct DeliveryOutcome(DeliveryResult Result, string Detail, TimeSpan? RetryAfter = null)
{
    public static DeliveryOutcome Delivered(string detail) => new(DeliveryResult.Delivered, detail);

    public static DeliveryOutcome Transient(string detail, TimeSpan? retryAfter = null) => new(DeliveryResult.Transient, detail, retryAfter);

    public static DeliveryOutcome Permanent(string detail) => new(DeliveryResult.Permanent, detail);
}

/// <summary>Delivered; failed in a way worth retrying (server busy or away); or refused for good.</summary>
internal enum DeliveryResult
{
    Delivered,
    Transient,
    Permanent,
}
