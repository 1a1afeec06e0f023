namespace EnvMonitoring.Cloud.Config;

/// <summary>
/// One item as the settings give it (<see cref="IConfigStore.SeedAsync"/>). <see cref="Fingerprint"/>
/// stands for what the settings said of it (a hash of its JSON, or of what the JSON was made from
/// when making it is not repeatable, e.g. a password hash with a fresh salt): the store keeps the
/// last one seeded, to tell "the settings changed this item" from "the settings say what they said".
/// </summary>
public sealed record ConfigSeed(ConfigKind Kind, string Id, string Json, string Fingerprint);
