namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>The checks every kind of item shares: identifiers, lengths of names, positions, parks that exist.</summary>
internal static class FieldChecks
{
    /// <summary>Names people read (a park's, a station's, a user's display name): at most this many characters.</summary>
    public const int MaxNameLength = 200;

    public static void Identifier(FieldErrors errors, string field, string? value)
    {
        if (!Protocol.Identifiers.Identifier.IsValid(value))
        {
            errors.Add(field,
                $"{field} '{value}' is not a valid identifier: 1-{Protocol.Identifiers.Identifier.MaxLength} characters of A-Z a-z 0-9 _ . -, starting with a letter or digit.",
                $"{field} '{value}' không phải mã hợp lệ: 1-{Protocol.Identifiers.Identifier.MaxLength} ký tự A-Z a-z 0-9 _ . -, bắt đầu bằng chữ cái hoặc chữ số.");
        }
    }

    /// <summary>An optional text of at most <paramref name="max"/> characters, without control characters.</summary>
    public static void Text(FieldErrors errors, string field, string? value, int max = MaxNameLength)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > max)
        {
            errors.Add(field, $"{field} is longer than {max} characters.", $"{field} dài quá {max} ký tự.");
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add(field, $"{field} contains control characters.", $"{field} chứa ký tự điều khiển.");
        }
    }

    /// <summary>WGS 84 degrees, latitude and longitude together or neither.</summary>
    public static void Position(FieldErrors errors, double? latitude, double? longitude)
    {
        if (latitude.HasValue != longitude.HasValue)
        {
            var missing = latitude.HasValue ? "longitude" : "latitude";
            errors.Add(missing, "latitude and longitude go together: give both or neither.", "Vĩ độ và kinh độ đi cùng nhau: nhập cả hai hoặc bỏ trống cả hai.");
        }

        if (latitude is { } lat && !(lat is >= -90 and <= 90))
        {
            errors.Add("latitude", "latitude must be from -90 to 90 degrees (WGS 84).", "Vĩ độ phải từ -90 đến 90 độ (WGS 84).");
        }

        if (longitude is { } lon && !(lon is >= -180 and <= 180))
        {
            errors.Add("longitude", "longitude must be from -180 to 180 degrees (WGS 84).", "Kinh độ phải từ -180 đến 180 độ (WGS 84).");
        }
    }

    /// <summary>A park id that names a park of the configuration store.</summary>
    public static void Park(FieldErrors errors, string field, string? park, IReadOnlySet<string> parks)
    {
        Identifier(errors, field, park);
        if (!errors.Has(field) && !parks.Contains(park!))
        {
            errors.Add(field, $"There is no park '{park}': create it first.", $"Không có khu công nghiệp '{park}': hãy tạo trước.");
        }
    }

    /// <summary>A body's id must be the route's, or left out.</summary>
    public static string Same(FieldErrors errors, string field, string? body, string route)
    {
        if (!string.IsNullOrEmpty(body) && !string.Equals(body, route, StringComparison.Ordinal))
        {
            errors.Add(field, $"{field} '{body}' is not the id in the address ('{route}'); an id cannot be changed.", $"{field} '{body}' khác mã trong địa chỉ ('{route}'); không thể đổi mã.");
        }

        return route;
    }
}
