using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// A station definition checked field by field before it is stored, then resolved the way the
/// registry will (<see cref="StationRegistry.Resolve"/>), so a station the API accepted always
/// loads. Site inputs, choices and factors are checked against what the chosen regulation's tables
/// read (e.g. QCVN 40:2011: <c>dischargeM3PerDay</c>, <c>riverDrySeasonFlowM3PerS</c>, <c>lakeVolumeM3</c>,
/// <c>coastalUse</c>; Kq, Kf).
/// </summary>
internal sealed class StationChecks(RegulationLibrary library, ParameterCatalog catalog)
{
    /// <summary>The longest rule duration a station may set (a week): longer is a typo.</summary>
    private static readonly TimeSpan LongestRuleTime = TimeSpan.FromDays(7);

    /// <summary>The station resolved, or null with <paramref name="errors"/> saying why, field by field.</summary>
    public RegisteredStation? Check(StationDefinition station, IReadOnlySet<string> parks, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(station);
        FieldChecks.Park(errors, "park", station.Park, parks);
        FieldChecks.Identifier(errors, "station", station.Station);
        FieldChecks.Text(errors, "name", station.Name);
        FieldChecks.Text(errors, "facility", station.Facility, 300);
        FieldChecks.Text(errors, "permitNumber", station.PermitNumber);
        FieldChecks.Position(errors, station.Latitude, station.Longitude);
        Interval(station.ExpectedInterval, errors);
        for (var i = 0; i < station.Parameters.Count; i++)
        {
            Parameter(station.Parameters[i], station.Medium, $"parameters[{i}]", errors);
            if (station.Parameters.IndexOf(station.Parameters[i]) < i)
            {
                errors.Add($"parameters[{i}]", $"parameter {station.Parameters[i]} is listed twice.", $"Thông số {station.Parameters[i]} bị liệt kê hai lần.");
            }
        }

        var regulation = Regulation(station, errors);
        SiteInputs(station, regulation, errors);
        Permit(station, errors);
        Rules(station.Rules, station.Medium, errors);
        return errors.Any ? null : Resolve(station, regulation, errors);
    }

    private static void Interval(TimeSpan interval, FieldErrors errors)
    {
        if (interval < TimeSpan.FromSeconds(1) || interval > TimeSpan.FromHours(1) || TimeSpan.TicksPerHour % interval.Ticks != 0)
        {
            errors.Add("expectedInterval",
                "expectedInterval must be from 1 second to 1 hour and divide one hour evenly (e.g. 00:01:00, 00:05:00).",
                "Chu kỳ gửi dữ liệu (expectedInterval) phải từ 1 giây đến 1 giờ và chia hết một giờ (ví dụ 00:01:00, 00:05:00).");
        }
    }

    private void Parameter(string? code, Medium medium, string field, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(code) || !catalog.TryGet(code, out var parameter))
        {
            errors.Add(field, $"'{code}' is not in the parameter catalog (codes are case-sensitive, e.g. COD, pH, TSS).",
                $"'{code}' không có trong danh mục thông số (phân biệt chữ hoa/thường, ví dụ COD, pH, TSS).");
        }
        else if (parameter.Medium != medium)
        {
            errors.Add(field, $"{code} is measured in {Say(parameter.Medium)}, not in this station's {Say(medium)}.",
                $"{code} là thông số của {SayVi(parameter.Medium)}, không phải của {SayVi(medium)} tại trạm này.");
        }
    }

    private Regulation? Regulation(StationDefinition station, FieldErrors errors)
    {
        if (station.Regulation is null)
        {
            if (station.Column is not null)
            {
                errors.Add("column", "column needs a regulation.", "Cột giới hạn (column) cần có quy chuẩn.");
            }

            return null;
        }

        if (!library.TryGet(station.Regulation, out var regulation))
        {
            errors.Add("regulation", $"'{station.Regulation}' is not a known regulation: one of {string.Join(", ", library.Regulations.Select(r => r.Id).Order(StringComparer.Ordinal))}.",
                $"'{station.Regulation}' không phải quy chuẩn được biết: một trong {string.Join(", ", library.Regulations.Select(r => r.Id).Order(StringComparer.Ordinal))}.");
            return null;
        }

        if (regulation.Medium != station.Medium)
        {
            errors.Add("regulation", $"{regulation.Id} is for {Say(regulation.Medium)}, not {Say(station.Medium)}.",
                $"{regulation.Id} áp dụng cho {SayVi(regulation.Medium)}, không phải {SayVi(station.Medium)}.");
        }

        var columns = string.Join(", ", regulation.Columns.Select(c => c.Code));
        if (station.Column is null)
        {
            errors.Add("column", $"{regulation.Id} needs a column: one of {columns}.", $"{regulation.Id} cần chọn cột: một trong {columns}.");
        }
        else if (regulation.FindColumn(station.Column) is null)
        {
            errors.Add("column", $"'{station.Column}' is not a column of {regulation.Id}: one of {columns}.", $"'{station.Column}' không phải cột của {regulation.Id}: một trong {columns}.");
        }

        return regulation;
    }

    private static void SiteInputs(StationDefinition station, Regulation? regulation, FieldErrors errors)
    {
        var (quantities, choices, factors) = SiteKeys.Of(regulation);
        var of = regulation is null ? "the station has no regulation" : $"{regulation.Id} reads {Known(quantities)}";
        var ofVi = regulation is null ? "trạm không có quy chuẩn" : $"{regulation.Id} dùng {Known(quantities)}";
        foreach (var (input, quantity) in station.Site)
        {
            if (!quantities.Contains(input))
            {
                errors.Add($"site.{input}", $"'{input}' is not a site input here: {of}.", $"'{input}' không phải thông tin hiện trường dùng ở đây: {ofVi}.");
            }
            else if (quantity < 0)
            {
                errors.Add($"site.{input}", $"{input} cannot be negative.", $"{input} không được âm.");
            }
        }

        foreach (var (input, choice) in station.SiteChoices)
        {
            if (!choices.TryGetValue(input, out var codes))
            {
                errors.Add($"siteChoices.{input}", $"'{input}' is not a site choice here: {(regulation is null ? of : $"{regulation.Id} offers {Known(choices.Keys)}")}.",
                    $"'{input}' không phải lựa chọn hiện trường ở đây: {(regulation is null ? ofVi : $"{regulation.Id} có {Known(choices.Keys)}")}.");
            }
            else if (!codes.Contains(choice, StringComparer.Ordinal))
            {
                errors.Add($"siteChoices.{input}", $"'{choice}' is not a {input}: one of {string.Join(", ", codes)}.", $"'{choice}' không phải giá trị của {input}: một trong {string.Join(", ", codes)}.");
            }
        }

        foreach (var (factor, value) in station.Factors)
        {
            if (!factors.Contains(factor))
            {
                errors.Add($"factors.{factor}", $"'{factor}' is not a coefficient here: {(regulation is null ? of : $"{regulation.Id} has {Known(factors)}")}.",
                    $"'{factor}' không phải hệ số ở đây: {(regulation is null ? ofVi : $"{regulation.Id} có {Known(factors)}")}.");
            }
            else if (value <= 0)
            {
                errors.Add($"factors.{factor}", $"{factor} must be greater than 0.", $"{factor} phải lớn hơn 0.");
            }
        }
    }

    private void Permit(StationDefinition station, FieldErrors errors)
    {
        for (var i = 0; i < station.Permit.Count; i++)
        {
            var limit = station.Permit[i];
            var field = $"permit[{i}]";
            Parameter(limit.Parameter, station.Medium, field + ".parameter", errors);
            if (station.Permit.FindIndex(p => p.Parameter == limit.Parameter) < i)
            {
                errors.Add(field + ".parameter", $"the permit lists {limit.Parameter} twice.", $"Giấy phép liệt kê {limit.Parameter} hai lần.");
            }

            if (limit.Min is null && limit.Max is null)
            {
                errors.Add(field, "a permit limit needs min, max or both.", "Giới hạn theo giấy phép cần giá trị nhỏ nhất, lớn nhất hoặc cả hai.");
            }

            foreach (var (name, value) in new[] { ("min", limit.Min), ("max", limit.Max) })
            {
                if (value is { } number && !double.IsFinite(number))
                {
                    errors.Add($"{field}.{name}", $"{name} must be a number.", $"{name} phải là một số.");
                }
            }

            if (limit.Min > limit.Max)
            {
                errors.Add(field + ".max", $"max {limit.Max} is below min {limit.Min}.", $"Giá trị lớn nhất {limit.Max} nhỏ hơn giá trị nhỏ nhất {limit.Min}.");
            }

            if (string.IsNullOrWhiteSpace(limit.Reference))
            {
                errors.Add(field + ".reference", "reference names where the permit sets this limit.", "Cần ghi căn cứ (điều khoản của giấy phép) cho giới hạn này.");
            }

            FieldChecks.Text(errors, field + ".reference", limit.Reference);
        }
    }

    private void Rules(RuleOverrides rules, Medium medium, FieldErrors errors)
    {
        if (rules.MinimumCompleteness is { } completeness && !(completeness is > 0 and <= 1))
        {
            errors.Add("rules.minimumCompleteness", "minimumCompleteness must be above 0 and at most 1 (e.g. 0.75).", "Tỷ lệ đầy đủ tối thiểu phải lớn hơn 0 và không quá 1 (ví dụ 0.75).");
        }

        if (rules.ApproachRatio is { } approach && !(approach is > 0 and < 1))
        {
            errors.Add("rules.approachRatio", "approachRatio must be between 0 and 1 (e.g. 0.8).", "Ngưỡng tiệm cận phải nằm giữa 0 và 1 (ví dụ 0.8).");
        }

        foreach (var (name, value, zero) in new (string, TimeSpan?, bool)[]
        {
            ("clearTime", rules.ClearTime, true), ("deadManClearTime", rules.DeadManClearTime, true), ("flapWindow", rules.FlapWindow, true),
            ("sustainedFor", rules.SustainedFor, false), ("flatLineAfter", rules.FlatLineAfter, false), ("silentAfter", rules.SilentAfter, false),
            ("offlineAfter", rules.OfflineAfter, false), ("lateAfter", rules.LateAfter, true),
        })
        {
            if (value is { } time && (time > LongestRuleTime || (zero ? time < TimeSpan.Zero : time <= TimeSpan.Zero)))
            {
                var least = zero ? "0" : "more than 0";
                errors.Add($"rules.{name}", $"{name} must be from {least} to 7 days (e.g. 00:15:00).", $"{name} phải từ {(zero ? "0" : "lớn hơn 0")} đến 7 ngày (ví dụ 00:15:00).");
            }
        }

        foreach (var (code, rate) in rules.RateOfChangePerHour)
        {
            Parameter(code, medium, $"rules.rateOfChangePerHour.{code}", errors);
            if (!(rate > 0 && double.IsFinite(rate)))
            {
                errors.Add($"rules.rateOfChangePerHour.{code}", $"the rate for {code} must be a positive number per hour.", $"Tốc độ thay đổi của {code} phải là số dương mỗi giờ.");
            }
        }
    }

    /// <summary>Resolves as the registry will; a refusal goes under the field it is most likely about.</summary>
    private RegisteredStation? Resolve(StationDefinition station, Regulation? regulation, FieldErrors errors)
    {
        try
        {
            return StationRegistry.Resolve(station, library, catalog, RuleSettings.Default);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or FormatException or RegulationException)
        {
            var field = FieldOf(e.Message, station, regulation);
            errors.Add(field, e.Message, $"Không xác định được giới hạn của trạm: {e.Message}");
            return null;
        }
    }

    private static string FieldOf(string message, StationDefinition station, Regulation? regulation)
    {
        if (station.Site.Keys.FirstOrDefault(k => message.Contains(k, StringComparison.Ordinal)) is { } input)
        {
            return $"site.{input}";
        }

        if (station.SiteChoices.Keys.FirstOrDefault(k => message.Contains(k, StringComparison.Ordinal)) is { } choice)
        {
            return $"siteChoices.{choice}";
        }

        if (regulation?.Factors.FirstOrDefault(f => message.Contains($"factor {f.Name}", StringComparison.Ordinal)) is { } factor)
        {
            return station.Factors.ContainsKey(factor.Name) ? $"factors.{factor.Name}" : "site";
        }

        if (station.Permit.FindIndex(p => message.Contains(p.Parameter, StringComparison.Ordinal)) is var i and >= 0 && regulation is null)
        {
            return $"permit[{i}]";
        }

        return station.Column is not null && message.Contains(station.Column, StringComparison.Ordinal) ? "column" : regulation is null ? "permit" : "regulation";
    }

    private static string Known(IEnumerable<string> names) => names.Any() ? string.Join(", ", names.Order(StringComparer.Ordinal)) : "none";

    private static string Say(Medium medium) => medium == Medium.Water ? "water" : "air";

    private static string SayVi(Medium medium) => medium == Medium.Water ? "nước thải" : "khí thải";
}
