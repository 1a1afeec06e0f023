// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Admin",
    owns: "The running configuration: seeding the store from settings, applying it to the host, the admin API (docs/admin.md).",
    mayUse: ["Audit", "Broker", "Config", "Http", "Live", "Security", "Stations"])]
