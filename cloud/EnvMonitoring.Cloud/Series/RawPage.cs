using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Cloud.Series;

/// <summary>
/// One time slice of stored samples of a station, as flat arrays: row r has time
/// <c>Times[r]</c> (Unix ms) and, for parameter p, <c>Values[r * Parameters.Count + p]</c> (NaN
/// when the sample had no such value) with its device status in <c>Status[…]</c>.
/// </summary>
internal sealed class RawPage(IReadOnlyList<Parameter> parameters, long[] times, double[] values, byte[] status, int rows)
{
    public IReadOnlyList<Parameter> Parameters { get; } = parameters;

    public int Rows { get; } = rows;

    public long Time(int row) => times[row];

    public double Value(int row, int parameter) => values[(row * Parameters.Count) + parameter];

    public int Status(int row, int parameter) => status[(row * Parameters.Count) + parameter];

    public bool Has(int row, int parameter) => !double.IsNaN(Value(row, parameter));
}
