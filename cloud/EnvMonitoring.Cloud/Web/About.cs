// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Web",
    owns: "Serving the web dashboard's static files and its settings (the map's tiles).")]
