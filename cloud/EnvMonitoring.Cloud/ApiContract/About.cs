// This folder: what it owns and which folders it may use (docs/architecture.md; FolderDirectionTests checks it).
[assembly: EnvMonitoring.Cloud.Folder(
    "ApiContract",
    owns: "The HTTP API's OpenAPI document (/openapi/v1.json): every route with its parameters, the roles it requires and the answers it gives (docs/api.md).",
    mayUse: ["Http", "Security"])]
