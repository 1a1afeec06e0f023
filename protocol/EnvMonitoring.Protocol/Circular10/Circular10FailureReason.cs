namespace EnvMonitoring.Protocol.Circular10;

/// <summary>Why a Circular 10 file was refused whole. docs/contract.md explains each.</summary>
public enum Circular10FailureReason
{
    /// <summary>A line is not <c>parameter value [unit] timestamp [status]</c> (too few or too many fields).</summary>
    MalformedLine,

    /// <summary>A timestamp is not a real local time <c>yyyyMMddHHmmss</c> between 2000 and 2099.</summary>
    InvalidTimestamp,

    /// <summary>A value is not a finite number with a decimal point (<c>7.21</c>, <c>-0.5</c>, <c>1e3</c>).</summary>
    InvalidValue,

    /// <summary>A device status other than <c>00</c>, <c>01</c> or <c>02</c>.</summary>
    InvalidStatus,

    /// <summary>A parameter name the station's mapping neither maps nor ignores, and that is no catalog code.</summary>
    UnmappedParameter,

    /// <summary>The mapping sends a name to a code the catalog lacks: the configuration needs fixing.</summary>
    MappingError,

    /// <summary>The line's unit differs from the unit the mapping expects for that parameter.</summary>
    UnitMismatch,

    /// <summary>The value, in the canonical unit, lies outside what an instrument can plausibly report.</summary>
    OutOfRange,

    /// <summary>The same parameter appears twice at one timestamp with different values or statuses.</summary>
    ConflictingDuplicate,

    /// <summary>The file holds no reading (empty, blank, or only ignored parameters).</summary>
    NoReadings,
}
