// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "Annotations",
    owns: "Annotations, never edits: an operator marks a period of a station's parameter with a reason and a note, an inspector approves or rejects it; the append-only journal of each step, the book folded from it, the one rule of what an approved annotation does to a reading, and their API.",
    mayUse: ["Audit", "Http", "Security", "Stations", "Storage"])]
