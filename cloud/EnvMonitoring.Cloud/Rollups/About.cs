// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Rollups",
    owns: "Hourly and daily means written by the platform, their status and recompute API, and retention.",
    mayUse: ["Audit", "Http", "Series", "Stations", "Storage"])]
