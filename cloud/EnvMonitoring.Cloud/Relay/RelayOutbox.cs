using System.Globalization;
using System.Text;
using EnvMonitoring.Protocol.Records;

namespace EnvMonitoring.Cloud.Relay;

/// <summary>
/// One destination's folder (<see cref="RelayOptions.StateDirectory"/>/<c>{name}</c>, 0700): its
/// <see cref="RelayCursor"/> and the files waiting to be uploaded, one entry file each, numbered in
/// the order they must arrive (<c>{seq:D12}.entry</c>: a header line, then the body). Every write is
/// a temporary file flushed to the disk, renamed, and the folder flushed, so a crash leaves either
/// the old or the new state, never a torn one.
/// </summary>
internal sealed class RelayOutbox
{
    private const string EntryExtension = ".entry";
    private const string TempExtension = ".tmp";
    private const string CursorFile = "cursor.json";

    private readonly SortedDictionary<long, string> _entries = [];
    private readonly Lock _gate = new();

    private RelayOutbox(string directory, RelayCursor? cursor)
    {
        Directory = directory;
        Cursor = cursor;
    }

    public string Directory { get; }

    /// <summary>Null until the first interval is staged.</summary>
    public RelayCursor? Cursor { get; private set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Opens (or creates) the folder: drops temporary files and entries staged after the cursor (an
    /// interval half staged when the host stopped is staged again, whole).
    /// </summary>
    public static RelayOutbox Open(string directory)
    {
        Prepare(directory);
        var cursorPath = Path.Combine(directory, CursorFile);
        var cursor = File.Exists(cursorPath) ? RelayCursor.FromJson(File.ReadAllBytes(cursorPath)) : null;
        var outbox = new RelayOutbox(directory, cursor);
        foreach (var path in System.IO.Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(TempExtension, StringComparison.Ordinal))
            {
                File.Delete(path);
            }
            else if (name.EndsWith(EntryExtension, StringComparison.Ordinal) &&
                long.TryParse(name.AsSpan(0, name.Length - EntryExtension.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            {
                if (cursor is null || seq >= cursor.NextSeq)
                {
                    File.Delete(path);
                }
                else
                {
                    outbox._entries.Add(seq, path);
                }
            }
        }

        DirectorySync.Flush(directory);
        return outbox;
    }

    /// <summary>Writes <paramref name="file"/> as entry <paramref name="seq"/> (replacing one of that number); not yet visible to <see cref="Peek"/> before <see cref="Commit"/>.</summary>
    public void Stage(long seq, RelayFile file)
    {
        var header = string.Join('\t', file.Correction ? "correction" : "file", file.Interval.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), file.Station, file.RemotePath) + "\n";
        var headerBytes = Encoding.UTF8.GetBytes(header);
        WriteDurably(EntryPath(seq), stream =>
        {
            stream.Write(headerBytes);
            stream.Write(file.Content);
        }, flushFolder: false);
    }

    /// <summary>Makes the entries staged up to <paramref name="cursor"/>.NextSeq part of the outbox, and the cursor the new one.</summary>
    public void Commit(RelayCursor cursor)
    {
        var first = Cursor?.NextSeq ?? 0;
        WriteDurably(Path.Combine(Directory, CursorFile), stream => stream.Write(cursor.ToJson()), flushFolder: true);
        lock (_gate)
        {
            for (var seq = first; seq < cursor.NextSeq; seq++)
            {
                var path = EntryPath(seq);
                if (File.Exists(path))
                {
                    _entries[seq] = path;
                }
            }

            Cursor = cursor;
        }
    }

    /// <summary>The oldest waiting file and its number, or null when none waits.</summary>
    public (long Seq, RelayFile File)? Peek()
    {
        string path;
        long seq;
        lock (_gate)
        {
            if (_entries.Count == 0)
            {
                return null;
            }

            (seq, path) = _entries.First();
        }

        return (seq, Read(path));
    }

    /// <summary>The interval of the oldest waiting file, or null.</summary>
    public DateTimeOffset? OldestInterval() => Peek()?.File.Interval;

    /// <summary>The file was uploaded: removes it for good.</summary>
    public void Remove(long seq)
    {
        string? path;
        lock (_gate)
        {
            if (!_entries.Remove(seq, out path))
            {
                return;
            }
        }

        File.Delete(path);
        DirectorySync.Flush(Directory);
    }

    private static RelayFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var end = Array.IndexOf(bytes, (byte)'\n');
        var header = Encoding.UTF8.GetString(bytes, 0, end).Split('\t');
        var interval = DateTimeOffset.FromUnixTimeSeconds(long.Parse(header[1], CultureInfo.InvariantCulture));
        return new RelayFile(header[2], interval, header[3], bytes[(end + 1)..], header[0] == "correction");
    }

    private string EntryPath(long seq) => Path.Combine(Directory, seq.ToString("D12", CultureInfo.InvariantCulture) + EntryExtension);

    private void WriteDurably(string path, Action<FileStream> write, bool flushFolder)
    {
        var temp = path + TempExtension;
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, create))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        if (flushFolder)
        {
            DirectorySync.Flush(Directory);
        }
    }

    private static void Prepare(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory);
            return;
        }

        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        System.IO.Directory.CreateDirectory(directory, Private);
        File.SetUnixFileMode(directory, Private);
    }
}
