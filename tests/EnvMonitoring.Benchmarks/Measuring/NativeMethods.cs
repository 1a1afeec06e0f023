using System.Runtime.InteropServices;

namespace EnvMonitoring.Benchmarks.Measuring;

internal static partial class NativeMethods
{
    /// <summary>glibc's <c>_SC_CLK_TCK</c>: the unit of utime and stime in <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    public const int ScClkTck = 2;

    /// <summary>sysconf(3).</summary>
    [LibraryImport("libc", EntryPoint = "sysconf")]
    internal static partial long Sysconf(int name);
}
