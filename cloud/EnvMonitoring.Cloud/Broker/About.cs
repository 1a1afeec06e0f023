// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Broker",
    owns: "The embedded MQTT broker and the ways messages reach ingestion: decoded inside its interceptor, through a persistent subscription (over TLS to an external broker, Ingestion:Tls), or, when several instances share the parks, through one persistent session per park taken up.",
    mayUse: ["Cluster", "Ingestion"])]
