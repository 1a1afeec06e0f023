// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "OpenData",
    owns: "The public, anonymous, rate-limited open-data API.",
    mayUse: ["History", "Http", "Series", "Stations", "Storage"])]
