// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Quarantine",
    owns: "What ingestion refused, kept with its reason for inspection, and its API.",
    mayUse: ["Audit", "Http"])]
