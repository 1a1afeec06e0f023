// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Reports",
    owns: "Compliance reports per station and period of local days, naming the seals they were computed from: JSON, CSV, HTML and PDF, with original and annotated figures side by side when approved annotations touch the period.",
    mayUse: ["Alerts", "Annotations", "Audit", "History", "Http", "Rollups", "Seals", "Security", "Series", "Stations", "Storage"])]
