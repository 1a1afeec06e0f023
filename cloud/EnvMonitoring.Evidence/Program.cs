using EnvMonitoring.Evidence;

// envmon verify-export file.zip → exit 0 intact, 1 tampered/missing/extra files, 2 unreadable or usage.
if (args is not ["verify", var path])
{
    await Console.Error.WriteLineAsync("usage: EnvMonitoring.Evidence verify <export.zip>");
    return 2;
}

try
{
    await using var zip = File.OpenRead(path);
    var report = await ExportVerifier.VerifyAsync(zip);
    var m = report.Manifest;
    Console.WriteLine($"export of {m.Station} {m.From:O} – {m.To:O} by {m.ExportedBy} at {m.ExportedAt:O} ({m.Source})");
    foreach (var file in report.Files)
    {
        Console.WriteLine($"{file.State.ToString().ToUpperInvariant(),-9} {file.Path}  {file.Detail}");
    }

    var problems = report.Files.Count(f => f.State != FileState.Ok);
    Console.WriteLine(report.Intact ? $"INTACT: {report.Files.Count} file(s) match the manifest" : $"NOT INTACT: {problems} problem(s)");
    return report.Intact ? 0 : 1;
}
catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
{
    await Console.Error.WriteLineAsync($"cannot verify {path}: {e.Message}");
    return 2;
}
