// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Alerts",
    owns: "The rules engine hosted: its start-up from stored events, the loop that feeds it samples, ticks and users' commands, the alert board the API shows, the alert store, and the one projection of an alert and of a transition. It tells IRulesListener implementations and knows none of them.",
    mayUse: ["Audit", "Cluster", "Http", "Ingestion", "Security", "Stations", "Storage"])]
