// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Api",
    owns: "The province's local time for API answers (moving to the protocol's province time).")]
