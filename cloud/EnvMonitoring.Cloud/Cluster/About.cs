// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Cluster",
    owns: "Several cloud instances sharing the province: membership and one lease per park in Redis, taken up and handed over through the park custodians (docs/scale.md); a single host owns every park.",
    mayUse: ["Stations"])]
