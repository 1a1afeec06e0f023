// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Backtest",
    owns: "The backtest command: the rules replayed over a station's stored history, printed as a table or JSON.",
    mayUse: ["Alerts", "Stations", "Storage"])]
