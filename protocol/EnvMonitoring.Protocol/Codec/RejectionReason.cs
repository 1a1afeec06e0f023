namespace EnvMonitoring.Protocol.Codec;

/// <summary>Why the codec refused a payload, a sample, a value or a field. docs/contract.md explains each.</summary>
public enum RejectionReason
{
    /// <summary>Not well-formed UTF-8 JSON, or trailing content after it.</summary>
    NotJson,

    /// <summary>The payload exceeds the configured size for its kind.</summary>
    TooLarge,

    /// <summary>Objects or arrays nested deeper than the configured depth.</summary>
    TooDeep,

    /// <summary>A field holds the wrong JSON type (e.g. a string where a number belongs).</summary>
    WrongType,

    /// <summary>The same key appears twice in one object: which one was meant is unknowable.</summary>
    DuplicateKey,

    /// <summary>A required field is absent.</summary>
    MissingField,

    /// <summary>A station or gateway identifier breaks the identifier rule.</summary>
    InvalidIdentifier,

    /// <summary>The sample's station differs from the station in its topic.</summary>
    StationMismatch,

    /// <summary>The batch's gateway differs from the gateway in its topic.</summary>
    GatewayMismatch,

    /// <summary>The station is registered to another park than the topic's (checked by the cloud against its station registry).</summary>
    StationNotInPark,

    /// <summary>The station is not in the cloud's station registry: its samples are never stored (checked by the cloud).</summary>
    UnregisteredStation,

    /// <summary>The measurement time lies later than the receiver's clock plus the allowed clock skew (checked by the cloud).</summary>
    TimestampInFuture,

    /// <summary>The measurement time lies further back than the backfill horizon (checked by the cloud).</summary>
    TimestampBeyondBackfill,

    /// <summary>The timestamp is neither RFC 3339 nor epoch milliseconds, or lies outside 2000-2099.</summary>
    InvalidTimestamp,

    /// <summary>An RFC 3339-like timestamp without a UTC offset: its instant is ambiguous.</summary>
    TimestampWithoutOffset,

    /// <summary>The parameter code is not in the catalog (codes are case-sensitive).</summary>
    UnknownParameter,

    /// <summary>The number overflows a double (JSON has no NaN or Infinity).</summary>
    NonFiniteValue,

    /// <summary>The value lies outside the range an instrument can plausibly report for the parameter.</summary>
    OutOfRange,

    /// <summary>A device status that is not 0, 1 or 2; the value it qualifies is not accepted either.</summary>
    InvalidStatus,

    /// <summary>A device status for a parameter that has no value in the sample.</summary>
    StatusWithoutValue,

    /// <summary>The sample carries no values.</summary>
    NoValues,

    /// <summary>The sequence number is negative or not an integer.</summary>
    InvalidSequence,

    /// <summary>The batch holds more samples than allowed.</summary>
    TooManySamples,

    /// <summary>More rejections than are listed; the detail says how many were left out.</summary>
    TooManyErrors,

    /// <summary>
    /// The sample would rewrite a stored one: the same station and measurement time with other
    /// content, or a seq already stored at another time. Stored readings are append-only.
    /// </summary>
    Conflict,
}
