namespace EnvMonitoring.Cloud.Notifications;

/// <summary>One list of e-mail recipients (<c>Notifications:Email:N</c>).</summary>
public sealed class EmailRouteOptions : NotificationFilterOptions
{
    /// <summary>Names the route in logs and metrics; <c>email-N</c> when empty.</summary>
    public string Name { get; set; } = "";

    /// <summary>Recipients of one message, e.g. <c>Trực ban &lt;truc-ban@stnmt.thainguyen.gov.vn&gt;</c>.</summary>
    public List<string> To { get; set; } = [];
}
