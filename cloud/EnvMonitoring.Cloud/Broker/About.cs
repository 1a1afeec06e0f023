// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Broker",
    owns: "The embedded MQTT broker and the two ways messages reach ingestion: decoded inside its interceptor, or through a persistent subscription.",
    mayUse: ["Ingestion"])]
