using System.Globalization;
using System.Text;
using EnvMonitoring.Protocol.Circular10;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Edge.Intake;

/// <summary>
/// The drop folder's layout on disk: the files waiting in it, <c>archive/yyyy/MM/dd/&lt;name&gt;</c> by
/// the day in the file's name, and <c>rejected/&lt;name&gt;</c> with <c>&lt;name&gt;.reason.txt</c> beside it.
/// A name is archived once: the intake never moves a file onto an archived one (a repeat with the same
/// content is a duplicate, with other content a <see cref="IntakeRejection.Conflict"/>).
/// </summary>
internal sealed class DropFolder
{
    public const string ReasonSuffix = ".reason.txt";

    // Top level only (archive/ and rejected/ live below); skips hidden files such as ProFTPD's
    // ".in.<name>." uploads in progress; .txt in any case, as Windows dataloggers name them.
    private static readonly EnumerationOptions Listing = new()
    {
        MatchCasing = MatchCasing.CaseInsensitive,
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.Directory,
    };

    public DropFolder(FileIntakeOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        Drop = Path.GetFullPath(options.DropDirectory, contentRoot);
        Archive = string.IsNullOrWhiteSpace(options.ArchiveDirectory) ? Path.Combine(Drop, "archive") : Path.GetFullPath(options.ArchiveDirectory, contentRoot);
        Rejected = string.IsNullOrWhiteSpace(options.RejectedDirectory) ? Path.Combine(Drop, "rejected") : Path.GetFullPath(options.RejectedDirectory, contentRoot);
    }

    public string Drop { get; }

    public string Archive { get; }

    public string Rejected { get; }

    public void Create()
    {
        Directory.CreateDirectory(Drop);
        Directory.CreateDirectory(Archive);
        Directory.CreateDirectory(Rejected);
    }

    /// <summary>The <c>*.txt</c> files waiting, in ordinal name order (so one station's files in time order).</summary>
    public FileInfo[] Waiting()
    {
        var files = new DirectoryInfo(Drop).GetFiles("*.txt", Listing);
        Array.Sort(files, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return files;
    }

    /// <summary>Where a file of this name is archived: <c>archive/yyyy/MM/dd/&lt;name&gt;</c> by the local day its name carries.</summary>
    public string ArchivePath(FileInfo file, Circular10FileName name) => Path.Combine(Archive, name.Timestamp.ToString("yyyy", CultureInfo.InvariantCulture),
        name.Timestamp.ToString("MM", CultureInfo.InvariantCulture), name.Timestamp.ToString("dd", CultureInfo.InvariantCulture), file.Name);

    /// <summary>The archived file of this name, or null when none was archived.</summary>
    public async Task<byte[]?> ReadArchivedAsync(FileInfo file, Circular10FileName name, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(ArchivePath(file, name), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Moves an ingested file to the archive; returns where it went. Only the retry of a failed move may replace the file there, and then with itself.</summary>
    public string MoveToArchive(FileInfo file, Circular10FileName name)
    {
        var target = ArchivePath(file, name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(file.FullName, target, overwrite: true);
        return target;
    }

    /// <summary>Writes the reason file first, then moves the file beside it: a crash in between only repeats the rejection.</summary>
    public async Task<string> MoveToRejectedAsync(FileInfo file, IntakeRejection rejection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Rejected);
        var target = Path.Combine(Rejected, file.Name);
        await File.WriteAllTextAsync(target + ReasonSuffix, ReasonText(file.Name, rejection, now), Encoding.UTF8, cancellationToken);
        File.Move(file.FullName, target, overwrite: true);
        return target;
    }

    private string ReasonText(string fileName, IntakeRejection rejection, DateTimeOffset now) =>
        new StringBuilder()
            .Append("file: ").AppendLine(fileName)
            .Append("rejected at: ").AppendLine(ProvinceTime.ToLocal(now).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))
            .Append("reason: ").AppendLine(rejection.Reason)
            .Append("line: ").AppendLine(rejection.LineNumber > 0 ? rejection.LineNumber.ToString(CultureInfo.InvariantCulture) : "-")
            .Append("detail: ").AppendLine(rejection.Detail)
            .Append("to retry: fix the cause (the file, or the mapping in ").Append(FileIntakeOptions.Section)
            .Append(":Stations), move ").Append(fileName).Append(" back into ").Append(Drop)
            .Append(" and delete this file.").AppendLine()
            .ToString();
}
