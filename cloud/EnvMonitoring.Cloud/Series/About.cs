// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Series",
    owns: "Reading stored series and windowing them: the ground both History and Rollups stand on.",
    mayUse: ["Storage"])]
