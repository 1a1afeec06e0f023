// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Admin",
    owns: "The running configuration: seeding the configuration store from settings, applying the store to the host (stations, users, gateways), the config import/export command and the admin API (docs/admin.md).",
    mayUse: ["Audit", "Broker", "Config", "Http", "Live", "Security", "Stations"])]
