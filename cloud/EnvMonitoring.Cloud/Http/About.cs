// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Http",
    owns: "The vocabulary every HTTP API shares: query-time arguments, the per-user limit of expensive calls and the refusals an endpoint declares (Answers).")]
