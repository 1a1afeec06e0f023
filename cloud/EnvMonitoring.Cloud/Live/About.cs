// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Live",
    owns: "The live picture: each station's latest values and condition, the SignalR hub and the stations API; a listener of the rules.",
    mayUse: ["Alerts", "Cluster", "Observability", "Security", "Stations"])]
