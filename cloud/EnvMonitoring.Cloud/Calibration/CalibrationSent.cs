namespace EnvMonitoring.Cloud.Calibration;

/// <summary>What <c>POST /api/stations/{station}/calibration</c> published (202): the topic, retained, and the command.</summary>
/// <param name="Park">The station's park.</param>
/// <param name="Station">The station.</param>
/// <param name="Topic">The command topic, <c>envmon/{park}/{station}/cmd/calibration</c>.</param>
/// <param name="Active">True: calibration starts; false: it ends.</param>
/// <param name="Parameters">The channels; empty for every channel of the station.</param>
/// <param name="Until">When the window ends (start only), province time.</param>
/// <param name="Payload">The payload as sent (docs/contract.md, <c>CalibrationCommand</c>).</param>
internal sealed record CalibrationSent(string Park, string Station, string Topic, bool Active, IReadOnlyList<string> Parameters, DateTimeOffset? Until, string Payload);
