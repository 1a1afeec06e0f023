using System.Globalization;
using System.Runtime.InteropServices;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>What the figures were measured on.</summary>
internal sealed record MachineInfo(int Cores, string Cpu, string Os, string Runtime, string Influxd)
{
    public string Summary => $"{Cores} cores ({Cpu}), {Os}, {Runtime}, influxd {Influxd}";

    public static MachineInfo Read(string influxdVersion) => new(
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
        FirstValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        influxdVersion);

    /// <summary>The 1-minute load average (<c>/proc/loadavg</c>): other work on the two cores skews every figure.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static string? FirstValue(string file, string key, char separator)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        return File.ReadLines(file)
            .Select(line => line.Split(separator, 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim() == key)
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();
    }
}
