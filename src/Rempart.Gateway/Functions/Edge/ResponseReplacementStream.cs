namespace Rempart.Gateway.Functions.Edge;

/// <summary>
/// Sits under the response body while viewer-response functions may still fail closed: once
/// <see cref="Replace"/> is called (from the OnStarting callback, before any byte left), whatever the
/// stages below write is dropped and the replacement page goes out instead — so a failing function
/// never lets an uninspected origin body through.
/// </summary>
internal sealed class ResponseReplacementStream(Stream inner, Microsoft.AspNetCore.Http.HttpResponse response) : Pipeline.WriteOnlyStream
{
    private byte[]? _replacement;
    private bool _written;

    public Stream Inner { get; } = inner;

    public bool Replaced => _replacement is not null;

    public void Replace(byte[] body) => _replacement = body;

    /// <summary>Writes the replacement if nothing below wrote anything (an empty body) — called when the pipeline is done.</summary>
    public Task CompleteAsync(CancellationToken cancellationToken) => EnsureReplacementAsync(cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Start the response first, so the viewer-response functions decide before these bytes go anywhere.
        if (!response.HasStarted)
        {
            await response.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_replacement is null)
        {
            await Inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }

        await EnsureReplacementAsync(cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    private async ValueTask EnsureReplacementAsync(CancellationToken cancellationToken)
    {
        if (_replacement is { } body && !_written)
        {
            _written = true;
            await Inner.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Inner.FlushAsync(cancellationToken);

    public override void Flush() => Inner.Flush();

}
