namespace EnvMonitoring.Node.Simulation;

/// <summary>
/// Repeatable noise: a pure function of (seed, channel, instant), so a series does not depend on
/// how often or in which order it is read, and a flat-lined value can be recomputed exactly.
/// </summary>
internal static class Noise
{
    /// <summary>Roughly normal, standard deviation 1, bounded to ±3 (a sum of three uniforms).</summary>
    public static double Normal(int seed, int channel, DateTimeOffset instant)
    {
        var state = unchecked((ulong)instant.UtcTicks ^ ((ulong)(uint)seed << 32) ^ ((ulong)(uint)channel * 0x9E3779B97F4A7C15UL));
        var sum = Uniform(ref state) + Uniform(ref state) + Uniform(ref state);
        return (sum - 1.5) * 2;
    }

    /// <summary>A stable hash of a text (string.GetHashCode changes per process).</summary>
    public static int Seed(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }

    /// <summary>SplitMix64 step, as a double in [0, 1).</summary>
    private static double Uniform(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }
}
