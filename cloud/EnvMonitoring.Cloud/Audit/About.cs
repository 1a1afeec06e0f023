// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Audit",
    owns: "The audit log: who did what, when and from where (sign-ins, alert commands, reports, exports, quarantine views, administrative changes), kept append-only for good, and its API.",
    mayUse: ["Http", "Storage"])]
