namespace EnvMonitoring.Testing;

/// <summary>Finds the Debian-packaged server binaries the fixtures run.</summary>
internal static class ServerBinary
{
    /// <summary>
    /// Returns <paramref name="debianPath"/> if it exists, else the first <paramref name="name"/>
    /// on PATH; throws with <paramref name="installHint"/> when neither exists. Never a skip: a
    /// missing server must fail the run, not quietly shrink it.
    /// </summary>
    public static string Resolve(string name, string debianPath, string installHint)
    {
        if (File.Exists(debianPath))
        {
            return debianPath;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{name} is not installed: {installHint}");
    }
}
