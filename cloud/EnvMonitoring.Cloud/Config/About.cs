// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Config",
    owns: "The configuration store: parks, stations, gateways and users kept while the host runs (SQLite by default, PostgreSQL when several hosts share it), versioned for optimistic concurrency.",
    mayUse: [])]
