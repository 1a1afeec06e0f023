// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Security",
    owns: "Users, roles, park scopes, sign-in and the authorization policies.",
    mayUse: ["Audit"])]
