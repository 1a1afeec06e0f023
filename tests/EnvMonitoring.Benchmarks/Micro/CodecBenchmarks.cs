using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using EnvMonitoring.Benchmarks.Ingestion;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Benchmarks.Micro;

/// <summary>
/// The per-message hot path of ingestion, one operation each, with allocations: decoding a typical
/// 8-value sample and a 100-sample gateway batch, and encoding a sample as line protocol and as
/// contract JSON into reused buffers. Public and unsealed because BenchmarkDotNet derives from it.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks : IDisposable
{
    private const string Park = "Park01";
    private const string Gateway = "p01-gw-01";

    private readonly SampleCodec _codec = SampleCodec.Default;
    private readonly ArrayBufferWriter<byte> _lines = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _json = new(64 * 1024);
    private Utf8JsonWriter _writer = null!;
    private byte[] _sampleJson = [];
    private byte[] _batchJson = [];
    private string _station = "";
    private Sample _sample = null!;

    [GlobalSetup]
    public void Setup()
    {
        var workload = new Workload(100 * Workload.ValuesPerSample * Workload.StationCount);
        _sample = workload.SampleAt(0);
        _station = _sample.Station;
        _sampleJson = SampleCodec.EncodeSample(_sample);
        // One gateway's next 100 samples, as (b) sends them.
        var batch = workload.IndicesOfPark(0).Take(100).Select(workload.SampleAt).ToArray();
        _batchJson = SampleCodec.EncodeBatch(new GatewayBatch(Gateway, 1, batch));
        _writer = new Utf8JsonWriter(_json);
    }

    [Benchmark(Description = "SampleCodec.DecodeSample (8 values)")]
    public Sample? DecodeSample() => _codec.DecodeSample(_sampleJson, _station).Sample;

    [Benchmark(Description = "SampleCodec.DecodeBatch (100 x 8 values)")]
    public GatewayBatch? DecodeBatch() => _codec.DecodeBatch(_batchJson, Gateway).Batch;

    [Benchmark(Description = "LineProtocol.WriteSample (8 values)")]
    public int WriteLineProtocol()
    {
        _lines.ResetWrittenCount();
        LineProtocol.WriteSample(_lines, Park, _sample);
        return _lines.WrittenCount;
    }

    [Benchmark(Description = "SampleCodec.WriteSample (8 values)")]
    public long WriteJson()
    {
        _json.ResetWrittenCount();
        _writer.Reset(_json);
        SampleCodec.WriteSample(_writer, _sample);
        _writer.Flush();
        return _writer.BytesCommitted;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _writer.Dispose();
        GC.SuppressFinalize(this);
    }
}
