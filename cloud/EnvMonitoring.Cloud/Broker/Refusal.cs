namespace EnvMonitoring.Cloud.Broker;

/// <summary>A refused publish, subscribe or connect: the MQTT reason code and the reason string sent back.</summary>
internal readonly record struct Refusal<TCode>(TCode Code, string Reason)
    where TCode : struct, Enum;
