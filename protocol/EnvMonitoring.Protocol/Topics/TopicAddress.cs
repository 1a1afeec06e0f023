namespace EnvMonitoring.Protocol.Topics;

/// <summary>A parsed contract topic. <see cref="Station"/> is set for station topics, <see cref="Gateway"/> for gateway topics.</summary>
public readonly record struct TopicAddress(TopicKind Kind, string Park, string? Station, string? Gateway);
