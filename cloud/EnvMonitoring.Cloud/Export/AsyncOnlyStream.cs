using System.Buffers;

namespace EnvMonitoring.Cloud.Export;

/// <summary>
/// Lets code that writes some bytes synchronously (<see cref="System.IO.Compression.ZipArchive"/>
/// writes its headers and descriptors that way even in async mode) write to a stream that allows
/// only async I/O, such as an ASP.NET Core response body: synchronous writes are held in memory and
/// sent with the next async write or flush, so what is held stays small (a header, a page).
/// </summary>
internal sealed class AsyncOnlyStream(Stream inner) : Stream
{
    private readonly ArrayBufferWriter<byte> _held = new();
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    /// <summary>Bytes written so far (ZipArchive reads it on non-seekable streams to place entries).</summary>
    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _held.Write(buffer);
        _written += buffer.Length;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendHeldAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Synchronous flushes keep the bytes held; <see cref="FlushAsync(CancellationToken)"/> sends them.</summary>
    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendHeldAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async Task SendHeldAsync(CancellationToken cancellationToken)
    {
        if (_held.WrittenCount > 0)
        {
            await inner.WriteAsync(_held.WrittenMemory, cancellationToken);
            _held.ResetWrittenCount();
        }
    }
}
