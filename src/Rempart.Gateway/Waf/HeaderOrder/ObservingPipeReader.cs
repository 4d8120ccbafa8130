using System.Buffers;
using System.IO.Pipelines;

namespace Rempart.Gateway.Waf.HeaderOrder;

/// <summary>
/// The connection's input as Kestrel reads it, shown once to an <see cref="Http1HeadObserver"/>:
/// each byte is observed the first time a read returns it, so a request head is recorded before the
/// server hands the request to the pipeline. Reads and advances pass straight through; once the
/// observer stops, nothing is looked at any more.
/// </summary>
public sealed class ObservingPipeReader(PipeReader inner, Http1HeadObserver observer) : PipeReader
{
    private long _consumed;   // absolute offset of the start of the last buffer handed out
    private long _observed;   // absolute offset up to which bytes were observed
    private ReadOnlySequence<byte> _lastBuffer;

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var pending = inner.ReadAsync(cancellationToken);
        if (!pending.IsCompletedSuccessfully)
        {
            return ReadPendingAsync(pending);
        }

        var result = pending.Result;
        See(result.Buffer);
        return new ValueTask<ReadResult>(result);
    }

    /// <summary>A keep-alive connection waits here for its next request: pooled, so the wait allocates nothing.</summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadResult> ReadPendingAsync(ValueTask<ReadResult> pending)
    {
        var result = await pending.ConfigureAwait(false);
        See(result.Buffer);
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        See(result.Buffer);
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed)
    {
        Consumed(consumed);
        inner.AdvanceTo(consumed);
    }

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        Consumed(consumed);
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    private void See(ReadOnlySequence<byte> buffer)
    {
        _lastBuffer = buffer;
        if (observer.Stopped)
        {
            return;
        }

        var end = _consumed + buffer.Length;
        if (end <= _observed)
        {
            return;
        }

        foreach (var segment in buffer.Slice(_observed - _consumed).Slice(0, end - _observed))
        {
            observer.Observe(segment.Span);
        }

        _observed = end;
    }

    private void Consumed(SequencePosition consumed)
    {
        if (!observer.Stopped)
        {
            _consumed += _lastBuffer.Slice(_lastBuffer.Start, consumed).Length;
        }
    }
}
