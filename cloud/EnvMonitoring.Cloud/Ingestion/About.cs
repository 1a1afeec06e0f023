// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Ingestion",
    owns: "Decoding, the bounded delivery queue, batched writes into InfluxDB, gateway acknowledgements and the feed of stored samples.",
    mayUse: ["Cluster", "Quarantine", "Stations", "Storage"])]
