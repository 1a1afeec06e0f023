namespace EnvMonitoring.Rules.Limits;

/// <summary>
/// The parts a limit was worked out from, for saying it in a reader's own language (the dashboard
/// says "QCVN 40:2011/BTNMT cột A: 75 × Kq 0,9 … = 67,5 mg/L"): the regulation and its column's
/// value times each coefficient, or the permit that set it. <see cref="ParameterLimit.Basis"/> is
/// the same in English words.
/// </summary>
public sealed record LimitTerms(string? Regulation, string? Column, string? Permit, decimal? Min, decimal? Max, IReadOnlyList<AppliedFactor> Factors);
