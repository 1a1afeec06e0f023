// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Notifications",
    owns: "Webhook and e-mail notices of alert transitions: routes, queues, retries and metrics; a listener of the rules.",
    mayUse: ["Alerts", "Stations"])]
