using System.Runtime.CompilerServices;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Rules.Engine;

/// <summary>Per severity level, the measurement time (ticks) since which a cause has stayed at or below it; 0 when it has not. Inline, so trackers stay allocation-free.</summary>
[InlineArray(Length)]
internal struct LevelTimes
{
    public const int Length = (int)Severity.From10 + 1;

    private long _element;
}
