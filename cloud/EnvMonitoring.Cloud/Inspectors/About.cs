// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Inspectors",
    owns: "The registration of the inspectors' features (history, rollups, reports, exports, open data).",
    mayUse: ["Export", "Http", "History", "OpenData", "Reports", "Rollups", "Series"])]
