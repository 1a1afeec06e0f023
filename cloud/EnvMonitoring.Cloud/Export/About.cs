// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Export",
    owns: "Evidence exports: a station's history, report, annotations, seals and signed manifest zipped in the background, with progress.",
    mayUse: ["Annotations", "Audit", "History", "Http", "Reports", "Seals", "Security", "Series", "Stations", "Storage"])]
