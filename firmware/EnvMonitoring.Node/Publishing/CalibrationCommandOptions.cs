using System.ComponentModel.DataAnnotations;
using EnvMonitoring.Protocol.Commands;

namespace EnvMonitoring.Node.Publishing;

/// <summary>Calibration commands over MQTT (section <c>Node:Calibration</c>).</summary>
public sealed class CalibrationCommandOptions
{
    /// <summary>How long a command without <c>minutes</c> or <c>until</c> lasts.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan DefaultDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest a command may last, so a forgotten one cannot void a day of data.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(CalibrationCommand.MaxMinutes);
}
