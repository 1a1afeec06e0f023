// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Calibration",
    owns: "Remote calibration: an operator's command to start or end a station's calibration window, validated, published retained to the station's command topic as the cloud, and audited.",
    mayUse: ["Audit", "Http", "Ingestion", "Security", "Stations"])]
