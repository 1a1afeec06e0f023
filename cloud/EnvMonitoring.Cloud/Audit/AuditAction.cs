namespace EnvMonitoring.Cloud.Audit;

/// <summary>What an <see cref="AuditEntry"/> records (docs/security.md, "Audit log").</summary>
public static class AuditAction
{
    /// <summary>A browser session opened (cookie sign-in).</summary>
    public const string SignIn = "sign-in";

    /// <summary>A wrong name or password, by cookie sign-in or HTTP Basic.</summary>
    public const string SignInFailed = "sign-in-failed";

    /// <summary>A sign-in refused unchecked because the account or source is locked out.</summary>
    public const string SignInLocked = "sign-in-locked";

    /// <summary>A browser session ended by its user.</summary>
    public const string SignOut = "sign-out";

    public const string Acknowledge = "acknowledge";

    public const string Resolve = "resolve";

    /// <summary>A compliance report read.</summary>
    public const string Report = "report";

    /// <summary>An evidence export written; the subject is the SHA-256 of its manifest.</summary>
    public const string Export = "export";

    /// <summary>The quarantine (refused input) viewed.</summary>
    public const string QuarantineView = "quarantine-view";

    /// <summary>The audit log itself read.</summary>
    public const string AuditView = "audit-view";

    /// <summary>Rollups recomputed by an administrator.</summary>
    public const string RollupsRecompute = "rollups-recompute";

    /// <summary>The users changed in configuration (added, removed, changed, disabled).</summary>
    public const string UsersChanged = "users-changed";

    /// <summary>An annotation proposed (docs/annotations.md); the subject is its id.</summary>
    public const string AnnotationPropose = "annotation-propose";

    /// <summary>An annotation approved by an inspector.</summary>
    public const string AnnotationApprove = "annotation-approve";

    /// <summary>An annotation rejected by an inspector, with the note.</summary>
    public const string AnnotationReject = "annotation-reject";

    /// <summary>An annotation withdrawn by its author before a decision.</summary>
    public const string AnnotationWithdraw = "annotation-withdraw";

    /// <summary>
    /// A park, station, gateway or user created, changed or deleted through the admin API (docs/admin.md), or an
    /// import; the subject is <c>kind/id</c>, the detail JSON with the item <c>before</c> and <c>after</c>, never a password hash.
    /// </summary>
    public const string ConfigChange = "config-change";

    /// <summary>A user changed their own password (the subject is the user); a wrong current password counts as a failed sign-in.</summary>
    public const string PasswordChange = "password-change";

    /// <summary>A calibration command sent to a station's node (start or end); the subject is its parameters ("all" for every channel), the detail the payload.</summary>
    public const string Calibration = "calibration";

    public static readonly IReadOnlyList<string> All =
        [SignIn, SignInFailed, SignInLocked, SignOut, Acknowledge, Resolve, Report, Export, QuarantineView, AuditView, RollupsRecompute, UsersChanged,
            AnnotationPropose, AnnotationApprove, AnnotationReject, AnnotationWithdraw, ConfigChange, PasswordChange, Calibration];
}
