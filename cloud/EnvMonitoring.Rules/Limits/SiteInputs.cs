namespace EnvMonitoring.Rules.Limits;

/// <summary>
/// What a station declares about where it discharges, from which a regulation's coefficients
/// follow: quantities (discharge in m³/24 h, a river's dry-season flow…), categories (coastal use,
/// zone) and coefficients fixed outright by the authority (<see cref="WithFactor"/>). The names
/// are those the regulation files' tables read. Immutable.
/// </summary>
public sealed class SiteInputs
{
    /// <summary>Discharge F in m³ per 24 h (QCVN 40:2011 Kf; QCVN 40:2025 bands).</summary>
    public const string DischargeM3PerDay = "dischargeM3PerDay";

    /// <summary>Receiving river's mean flow over the three driest months, m³/s (QCVN 40:2011 Kq).</summary>
    public const string RiverDrySeasonFlowM3PerS = "riverDrySeasonFlowM3PerS";

    /// <summary>Receiving lake's or reservoir's volume, m³ (QCVN 40:2011 Kq).</summary>
    public const string LakeVolumeM3 = "lakeVolumeM3";

    /// <summary>Receiving coastal water's use: <c>aquatic-or-recreation</c> or <c>other</c> (QCVN 40:2011 Kq).</summary>
    public const string CoastalUse = "coastalUse";

    /// <summary>Stack exhaust flow P, m³/h (QCVN 19:2009 Kp).</summary>
    public const string StackFlowM3PerHour = "stackFlowM3PerHour";

    /// <summary>Where the facility is (QCVN 19:2009 Kv): <c>special-urban</c>, <c>urban</c>, <c>industrial</c>, <c>rural</c>, <c>rural-mountainous</c>.</summary>
    public const string Zone = "zone";

    private readonly Dictionary<string, decimal> _quantities;
    private readonly Dictionary<string, string> _choices;
    private readonly Dictionary<string, decimal> _factors;

    private SiteInputs(Dictionary<string, decimal> quantities, Dictionary<string, string> choices, Dictionary<string, decimal> factors)
    {
        _quantities = quantities;
        _choices = choices;
        _factors = factors;
    }

    public static SiteInputs None { get; } = new([], [], []);

    public static SiteInputs ForWastewater(decimal dischargeM3PerDay) => None.With(DischargeM3PerDay, dischargeM3PerDay);

    public static SiteInputs ForStack(decimal stackFlowM3PerHour, string zone) =>
        None.With(StackFlowM3PerHour, stackFlowM3PerHour).With(Zone, zone);

    public SiteInputs WithRiver(decimal drySeasonFlowM3PerS) => With(RiverDrySeasonFlowM3PerS, drySeasonFlowM3PerS);

    public SiteInputs WithLake(decimal volumeM3) => With(LakeVolumeM3, volumeM3);

    public SiteInputs WithCoast(string use) => With(CoastalUse, use);

    public SiteInputs With(string input, decimal quantity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        return new SiteInputs(new(_quantities) { [input] = quantity }, _choices, _factors);
    }

    public SiteInputs With(string input, string choice)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(choice);
        return new SiteInputs(_quantities, new(_choices) { [input] = choice }, _factors);
    }

    /// <summary>A coefficient the authority fixed for this station (e.g. its permit states Kq = 1), used instead of the tables.</summary>
    public SiteInputs WithFactor(string factor, decimal value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(factor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return new SiteInputs(_quantities, _choices, new(_factors) { [factor] = value });
    }

    public bool TryGetQuantity(string input, out decimal quantity) => _quantities.TryGetValue(input, out quantity);

    public bool TryGetChoice(string input, [NotNullWhen(true)] out string? choice) => _choices.TryGetValue(input, out choice);

    public bool TryGetDeclaredFactor(string factor, out decimal value) => _factors.TryGetValue(factor, out value);
}
