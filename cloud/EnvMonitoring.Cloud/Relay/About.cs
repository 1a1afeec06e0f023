// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Relay",
    owns: "The upward relay (docs/relay.md): each destination's Circular-10 files per station and interval, its durable outbox, the FTP, FTPS and SFTP uploads, its status API and metrics.",
    mayUse: ["Ingestion", "Security", "Series", "Storage"])]
