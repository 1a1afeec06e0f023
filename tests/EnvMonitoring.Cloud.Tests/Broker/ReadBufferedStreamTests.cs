using EnvMonitoring.Cloud.Broker;

namespace EnvMonitoring.Cloud.Tests.Broker;

public sealed class ReadBufferedStreamTests
{
    private static readonly byte[] Data = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7)).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(300)]
    [InlineData(5_000)]
    public async Task Reads_of_any_size_return_the_inner_bytes_in_order(int readSize)
    {
        await using var stream = new ReadBufferedStream(new CountingStream(Data), 1024);

        var read = await ReadAllAsync(stream, readSize);

        Assert.Equal(Data, read);
    }

    [Fact]
    public async Task Small_reads_are_served_from_one_large_read_of_the_inner_stream()
    {
        var inner = new CountingStream(Data);
        await using var stream = new ReadBufferedStream(inner, 4096);

        // Like MQTTnet: a 2-byte fixed header, then a body, packet after packet.
        var header = new byte[2];
        var body = new byte[98];
        for (var packet = 0; packet < 40; packet++)
        {
            Assert.Equal(2, await stream.ReadAsync(header));
            Assert.Equal(98, await stream.ReadAsync(body));
            Assert.Equal(Data[(packet * 100) + 2], body[0]);
        }

        // 4,000 bytes in 80 reads: one read of the inner stream.
        Assert.Equal(1, inner.Reads);
    }

    [Fact]
    public async Task A_read_at_least_as_large_as_the_buffer_goes_straight_to_the_inner_stream_once_the_buffer_is_empty()
    {
        var inner = new CountingStream(Data);
        await using var stream = new ReadBufferedStream(inner, 1024);
        var small = new byte[10];
        var large = new byte[2048];

        Assert.Equal(10, await stream.ReadAsync(small));
        var fromBuffer = await stream.ReadAsync(large);
        var direct = await stream.ReadAsync(large);

        Assert.Equal(1014, fromBuffer);
        Assert.Equal(2048, direct);
        Assert.Equal(Data.AsSpan(1024, 2048).ToArray(), large);
        Assert.Equal(2, inner.Reads);
    }

    [Fact]
    public async Task The_end_of_the_inner_stream_reads_as_zero()
    {
        await using var stream = new ReadBufferedStream(new CountingStream([1, 2, 3]), 1024);
        var buffer = new byte[10];

        Assert.Equal(3, await stream.ReadAsync(buffer));
        Assert.Equal(0, await stream.ReadAsync(buffer));
        Assert.Equal(0, stream.Read(buffer));
    }

    [Fact]
    public async Task Writes_go_straight_through()
    {
        var inner = new CountingStream([]);
        await using var stream = new ReadBufferedStream(inner, 1024);

        await stream.WriteAsync(new byte[] { 1, 2, 3 });
        stream.Write([4, 5]);

        Assert.Equal([1, 2, 3, 4, 5], inner.Written.ToArray());
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, int readSize)
    {
        var all = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            all.Write(buffer, 0, n);
        }

        return all.ToArray();
    }

    /// <summary>A stream over fixed bytes that counts its reads (each returns at most what was asked) and keeps what is written.</summary>
    private sealed class CountingStream(byte[] data) : Stream
    {
        private int _position;

        public int Reads { get; private set; }

        public MemoryStream Written { get; } = new();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            Reads++;
            var n = Math.Min(buffer.Length, data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
