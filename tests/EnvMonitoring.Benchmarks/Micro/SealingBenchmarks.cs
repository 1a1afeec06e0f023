using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using EnvMonitoring.Benchmarks.Ingestion;
using EnvMonitoring.Cloud.Seals;
using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Benchmarks.Micro;

/// <summary>
/// Sealing's own work for one seal of (b)'s workload, without servers: a station's 1,024 samples
/// taken into a new book (as on a station's first seal of a day: its buffers and day keys are made
/// too) as ingestion hands them over, then the version made from them (chain hash, entries,
/// document) and signed, as the sealer does (docs/benchmarks.md, "Sealing's cost"). The difference
/// of the two is the seal itself; divide by 8,192 for the cost per value. Public and unsealed
/// because BenchmarkDotNet derives from it.
/// </summary>
[MemoryDiagnoser]
public class SealingBenchmarks : IDisposable
{
    private const int Items = 1024;

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private Sample[] _samples = [];
    private Sample[] _interleaved = [];
    private string _keyId = "";

    [GlobalSetup]
    public void Setup()
    {
        var workload = new Workload((long)Items * Workload.StationCount * Workload.ValuesPerSample);
        // One station's samples, as its park's gateway forwards them.
        _samples = [.. workload.IndicesOfPark(0).Where(i => i % Workload.StationsPerPark == 0).Select(workload.SampleAt)];
        _keyId = SealKeys.IdOf(_key);
        _interleaved = [.. Enumerable.Range(0, Items * Workload.StationCount).Select(workload.SampleAt)];
    }

    [Benchmark(Description = "Sealer: 1,024 samples into a book")]
    public int AddSamples() => Fill().Pending.Count;

    [Benchmark(Description = "Sealer: 1,024 samples into a book, then sealed and signed")]
    public int AddAndSeal()
    {
        var book = Fill();
        return Sign(book).Signature.Length;
    }

    /// <summary>
    /// (b)'s pattern at once: its 200 stations' samples interleaved as the gateways send them, each
    /// station-day's book sealed and signed when it has its 1,024, so 200 books fill side by side (what a
    /// one-book benchmark does not show: buffers held across hundreds of books). Divide by 1,638,400 for a value.
    /// </summary>
    [Benchmark(Description = "Sealer: 200 stations' 1,024 samples each, interleaved as (b) sends them, sealed and signed")]
    public int Interleaved()
    {
        var books = new Dictionary<string, SealBook>();
        var signatures = 0;
        foreach (var sample in _interleaved)
        {
            if (!books.TryGetValue(sample.Station, out var book))
            {
                books[sample.Station] = book = new SealBook(sample.Station, Workload.ParkOf(0), ProvinceTime.DayOf(sample.Timestamp), Items);
            }

            if (book.AddSample(sample) && book.Pending.Count >= book.SealAt)
            {
                var seal = Sign(book);
                signatures += seal.Signature.Length;
                book.Pending.Clear();
                book.Last = seal.Link;
            }
        }

        return signatures;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _key.Dispose();
        GC.SuppressFinalize(this);
    }

    private SignedSeal Sign(SealBook book)
    {
        var document = SealDocument.Next(book.Last, book.Station, book.Day, book.Pending, closed: false, Workload.Start, _keyId);
        var bytes = document.ToUtf8();
        return new SignedSeal(document, bytes, _key.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    private SealBook Fill()
    {
        var first = _samples[0];
        var book = new SealBook(first.Station, Workload.ParkOf(0), ProvinceTime.DayOf(first.Timestamp), Items);
        foreach (var sample in _samples)
        {
            book.AddSample(sample);
        }

        return book;
    }
}
