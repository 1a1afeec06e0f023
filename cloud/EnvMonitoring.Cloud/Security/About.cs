// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Security",
    owns: "Users, roles, park scopes, sign-in and the authorization policies; HTTPS, HSTS and the browser-facing protections of the HTTP plane.",
    mayUse: ["Audit", "Http"])]
