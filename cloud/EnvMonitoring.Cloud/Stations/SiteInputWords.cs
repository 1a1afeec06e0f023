using System.Collections.Frozen;
using System.Globalization;

namespace EnvMonitoring.Cloud.Stations;

/// <summary>
/// The station inputs of the regulations' coefficient tables (a station's <c>Site</c> and
/// <c>SiteChoices</c>) in people's words, Vietnamese and English: the one dictionary the dashboard
/// (through <c>/api/stations</c>) and the compliance report both say them with. A quantity's words
/// hold <c>{0}</c> where the reader's number goes; a choice's words stand alone.
/// </summary>
public static class SiteInputWords
{
    private static readonly FrozenDictionary<string, InputWords> Words = new Dictionary<string, InputWords>(StringComparer.Ordinal)
    {
        // QCVN 40:2011/BTNMT: Kq by the receiving water (river flow in its three driest months, lake volume, coastal use), Kf by the discharge.
        ["riverDrySeasonFlowM3PerS"] = new("lưu lượng sông tiếp nhận mùa kiệt {0} m³/s", "receiving river's dry-season flow {0} m³/s"),
        ["lakeVolumeM3"] = new("dung tích hồ tiếp nhận {0} m³", "receiving lake volume {0} m³"),
        ["coastalUse.aquatic-or-recreation"] = new("vùng biển ven bờ dùng cho bảo vệ thủy sinh, thể thao, giải trí dưới nước", "coastal water for aquatic life, water sports or recreation"),
        ["coastalUse.other"] = new("vùng biển ven bờ dùng cho mục đích khác", "coastal water for other uses"),
        ["dischargeM3PerDay"] = new("lưu lượng xả thải {0} m³/ngày đêm", "discharge {0} m³/day"),

        // QCVN 19:2009/BTNMT: Kp by the stack's flow, Kv by the zone.
        ["stackFlowM3PerHour"] = new("lưu lượng khí thải {0} m³/h", "stack flow {0} m³/h"),
        ["zone.special-urban"] = new("nội thành đô thị loại đặc biệt, khu di sản", "special-class urban area or heritage site"),
        ["zone.urban"] = new("nội thành đô thị loại II, III, IV", "urban area of class II–IV"),
        ["zone.industrial"] = new("khu công nghiệp, đô thị loại V", "industrial park or class-V town"),
        ["zone.rural"] = new("khu vực nông thôn", "rural area"),
        ["zone.rural-mountainous"] = new("khu vực nông thôn miền núi", "rural mountainous area"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The words for the input that chose a coefficient (with its choice, for a table of choices); null for an input not in the dictionary.</summary>
    public static InputWords? Of(string? input, string? choice) =>
        input is null ? null : Words.GetValueOrDefault(choice is null ? input : $"{input}.{choice}");
}

/// <summary>An input in Vietnamese and English; <c>{0}</c> marks where a quantity's number goes.</summary>
public sealed record InputWords(string Vi, string En)
{
    /// <summary>The words in one language with the number as the reader writes it (<c>1.200</c> or <c>1,200</c>).</summary>
    public string Say(bool vietnamese, string number) => string.Format(CultureInfo.InvariantCulture, vietnamese ? Vi : En, number);
}
