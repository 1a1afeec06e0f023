using EnvMonitoring.Cloud.Security;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>The fields of a user: name, display name, roles, parks; and what an admin may not do to themselves.</summary>
internal static class UserChecks
{
    public const int MaxDisplayNameLength = 100;

    public static void Check(FieldErrors errors, string? displayName, IReadOnlyList<string>? roles, IReadOnlyList<string>? parks, IReadOnlySet<string> knownParks)
    {
        FieldChecks.Text(errors, "displayName", displayName, MaxDisplayNameLength);
        if (roles is null || roles.Count == 0)
        {
            errors.Add("roles", $"A user needs at least one role: {string.Join(", ", Roles.All)}.", $"Người dùng cần ít nhất một vai trò: {string.Join(", ", Roles.All)}.");
        }
        else
        {
            for (var i = 0; i < roles.Count; i++)
            {
                if (!Roles.All.Contains(roles[i]))
                {
                    errors.Add($"roles[{i}]", $"'{roles[i]}' is not a role: one of {string.Join(", ", Roles.All)}.", $"'{roles[i]}' không phải vai trò: một trong {string.Join(", ", Roles.All)}.");
                }
            }
        }

        for (var i = 0; i < (parks?.Count ?? 0); i++)
        {
            FieldChecks.Park(errors, $"parks[{i}]", parks![i], knownParks);
        }
    }

    /// <summary>An admin cannot lock themselves out: disable, demote or bind themselves to parks.</summary>
    public static void NotSelf(FieldErrors errors, HttpContext context, string name, bool disabled, IReadOnlyList<string> roles, IReadOnlyList<string> parks)
    {
        if (!string.Equals(context.User.Identity?.Name, name, StringComparison.Ordinal))
        {
            return;
        }

        if (disabled)
        {
            errors.Add("disabled", "You cannot disable yourself: ask another administrator.", "Bạn không thể tự vô hiệu hóa tài khoản của mình: hãy nhờ quản trị viên khác.");
        }

        if (!roles.Contains(Roles.Admin, StringComparer.Ordinal))
        {
            errors.Add("roles", "You cannot take the admin role from yourself: ask another administrator.", "Bạn không thể tự bỏ vai trò quản trị của mình: hãy nhờ quản trị viên khác.");
        }

        if (parks.Count > 0)
        {
            errors.Add("parks", "You cannot bind yourself to parks (an admin of some parks is not an administrator): ask another administrator.",
                "Bạn không thể tự giới hạn mình trong một số khu công nghiệp (khi đó không còn là quản trị viên): hãy nhờ quản trị viên khác.");
        }
    }
}
