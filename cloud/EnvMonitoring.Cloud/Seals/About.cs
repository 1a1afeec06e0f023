// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Seals",
    owns: "Evidence that proves itself: each station-day's readings and alert events chained and sealed with the centre's key as first accepted, the seal store, the signing keys, and verification against what InfluxDB holds now.",
    mayUse: ["Alerts", "Audit", "Cluster", "Http", "Ingestion", "Security", "Stations", "Storage"])]
