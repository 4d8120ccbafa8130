namespace Rempart.Gateway.Pipeline;

/// <summary>
/// The base of the write-only streams that wrap a response body (cache tee, link injection, edge
/// function replacement, response inspection…): the members <see cref="Stream"/> makes every such
/// wrapper override but none supports, written once.
/// </summary>
internal abstract class WriteOnlyStream : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
