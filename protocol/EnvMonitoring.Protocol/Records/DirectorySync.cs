using System.Runtime.InteropServices;

namespace EnvMonitoring.Protocol.Records;

/// <summary>
/// fsync(2) of a folder: makes a file created or renamed in it survive a crash (flushing the file
/// alone keeps its content, not its name). .NET opens no handle on a folder, hence libc. Nothing on
/// Windows, where NTFS journals names. The outboxes call it after each rewrite's rename.
/// </summary>
public static partial class DirectorySync
{
    /// <summary>Flushes <paramref name="directory"/>'s entries to the disk; throws <see cref="IOException"/> when it cannot.</summary>
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(directory, 0); // O_RDONLY
        if (fd < 0)
        {
            throw new IOException($"Cannot open the folder {directory} to flush it: errno {Marshal.GetLastPInvokeError()}.");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"Cannot flush the folder {directory} to the disk: errno {Marshal.GetLastPInvokeError()}.");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
