namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// What the run is doing, on standard error, so that standard output carries only the table and
/// the JSON.
/// </summary>
internal static class BenchLog
{
    public static void Step(string text) => Console.Error.WriteLine($"[bench] {text}");

    public static void Step(string scenario, string text) => Console.Error.WriteLine($"[bench] ({scenario}) {text}");
}
