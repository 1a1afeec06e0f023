// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "History",
    owns: "What inspectors ask of stored data: raw and windowed series, readings, JSON and CSV, read from raw data and rollups.",
    mayUse: ["Http", "Rollups", "Security", "Series", "Stations", "Storage"])]
