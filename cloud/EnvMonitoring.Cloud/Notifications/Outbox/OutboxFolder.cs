using System.Text;

namespace EnvMonitoring.Cloud.Notifications.Outbox;

/// <summary>
/// The folder of the receivers' outboxes (<see cref="NotificationOptions.OutboxDirectory"/>): the
/// host's own (0700), one file per receiver named after its channel and name.
/// </summary>
internal static class OutboxFolder
{
    private const string Extension = ".outbox";

    /// <summary>Creates the folder if needed and makes it private; returns it.</summary>
    public static string Prepare(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            // An existing folder keeps its mode: make it private too.
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return directory;
    }

    /// <summary>
    /// <c>{channel}-{name}.outbox</c>, the name kept readable: letters, digits, <c>_</c>, <c>-</c> as they
    /// are, anything else as <c>%XX</c> per UTF-8 byte, so two receivers never share a file.
    /// </summary>
    public static string FileName(INotificationReceiver receiver)
    {
        var name = new StringBuilder(receiver.Channel).Append('-');
        foreach (var b in Encoding.UTF8.GetBytes(receiver.Name))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            {
                name.Append(c);
            }
            else
            {
                name.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return name.Append(Extension).ToString();
    }

    /// <summary>Outbox files in the folder that belong to no configured receiver.</summary>
    public static IEnumerable<string> Orphans(string directory, IEnumerable<INotificationReceiver> receivers)
    {
        var known = receivers.Select(FileName).ToHashSet(StringComparer.Ordinal);
        return Directory.EnumerateFiles(directory, "*" + Extension).Where(path => !known.Contains(Path.GetFileName(path))).Order(StringComparer.Ordinal);
    }
}
