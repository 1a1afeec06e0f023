// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Storage",
    owns: "InfluxDB: the client, line protocol, the InfluxQL builder, result rows and the sample schema.")]
