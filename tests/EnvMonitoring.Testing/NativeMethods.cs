using System.Runtime.InteropServices;

namespace EnvMonitoring.Testing;

internal static partial class NativeMethods
{
    /// <summary>kill(2): sends <paramref name="signal"/> to <paramref name="pid"/>.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}
