// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Cluster",
    owns: "Which parks this instance judges: one host all of them, or a share of them held by leases when several instances run.",
    mayUse: ["Stations"])]
