// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Observability",
    owns: "Health and metrics: what the host reports about its own state.",
    mayUse: ["Alerts", "Cluster", "Ingestion", "Notifications", "Relay", "Storage"])]
