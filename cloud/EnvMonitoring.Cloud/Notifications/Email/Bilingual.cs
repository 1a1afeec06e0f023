namespace EnvMonitoring.Cloud.Notifications.Email;

/// <summary>One phrase in Vietnamese (first: the province's staff) and English.</summary>
internal readonly record struct Bilingual(string Vi, string En)
{
    public override string ToString() => $"{Vi} / {En}";
}
