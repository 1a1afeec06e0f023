// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Stations",
    owns: "The station registry: stations, parks and their rule profiles from configuration, and the limits in force recorded for InfluxDB's readers.",
    mayUse: ["Storage"])]
