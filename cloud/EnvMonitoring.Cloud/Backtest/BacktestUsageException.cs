namespace EnvMonitoring.Cloud.Backtest;

/// <summary>The command line or the configuration asks for something the back-test cannot do; the message says what.</summary>
public sealed class BacktestUsageException(string message) : Exception(message);
