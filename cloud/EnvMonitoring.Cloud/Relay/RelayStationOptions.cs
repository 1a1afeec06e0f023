namespace EnvMonitoring.Cloud.Relay;

/// <summary>One station a destination receives: our identifier and the destination's station code.</summary>
public sealed class RelayStationOptions
{
    /// <summary>Our station identifier (as stored, e.g. <c>YB-WWTP-01</c>).</summary>
    public string Station { get; set; } = "";

    /// <summary>The destination's code <c>&lt;Province&gt;_&lt;Facility&gt;_&lt;Station&gt;</c> (e.g. <c>TN_YBWWTP_NUOC01</c>), which names the files.</summary>
    public string Code { get; set; } = "";
}
