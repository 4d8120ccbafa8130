namespace Rempart.Gateway.Automations;

/// <summary>
/// Passes a response body through and inserts <paramref name="link"/> once, right before the first
/// <c>&lt;/body</c> (ASCII case-insensitive), however the writes split it: up to five bytes that may
/// start the tag are held back until the next write or <see cref="CompleteAsync"/>. A body without
/// the tag is passed through unchanged. Whether to inject at all is decided by <paramref name="decide"/> once, before the first
/// byte (the response's headers are known then); a response that is not injected pays one branch per write.
/// </summary>
internal sealed class HtmlLinkInjectionStream(Stream inner, byte[] link, Func<bool> decide) : Pipeline.WriteOnlyStream
{
    private static ReadOnlySpan<byte> Body => "body"u8;

    private readonly byte[] _pending = new byte[5];
    private int _pendingLength;
    private bool? _inject;
    private bool _done;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _inject ??= decide();
        return _inject == true && !_done ? InjectAsync(buffer, cancellationToken) : inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _inject ??= decide();
        if (_inject != true || _done)
        {
            inner.Write(buffer);
            return;
        }

        var (head, found, tail) = Split(buffer.ToArray());
        inner.Write(head.Span);
        if (found)
        {
            inner.Write(link);
            inner.Write(tail.Span);
        }
    }

    private async ValueTask InjectAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        var (head, found, tail) = Split(buffer);
        await inner.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        if (found)
        {
            await inner.WriteAsync(link, cancellationToken).ConfigureAwait(false);
            await inner.WriteAsync(tail, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What to write for this chunk (held-back bytes first): everything before the tag, then — when
    /// the tag is here — the link and the rest; otherwise the bytes that may start a tag are held back.
    /// </summary>
    private (ReadOnlyMemory<byte> Head, bool Found, ReadOnlyMemory<byte> Tail) Split(ReadOnlyMemory<byte> buffer)
    {
        var data = buffer;
        if (_pendingLength > 0)
        {
            var joined = new byte[_pendingLength + buffer.Length];
            _pending.AsSpan(0, _pendingLength).CopyTo(joined);
            buffer.Span.CopyTo(joined.AsSpan(_pendingLength));
            data = joined;
            _pendingLength = 0;
        }

        var at = FindClosingBody(data.Span);
        if (at >= 0)
        {
            _done = true;
            return (data[..at], true, data[at..]);
        }

        var keep = PartialTagAtEnd(data.Span);
        data.Span[^keep..].CopyTo(_pending);
        _pendingLength = keep;
        return (data[..^keep], false, default);
    }

    /// <summary>Writes what was held back (a body ending in a partial tag).</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_pendingLength > 0)
        {
            await inner.WriteAsync(_pending.AsMemory(0, _pendingLength), cancellationToken).ConfigureAwait(false);
            _pendingLength = 0;
        }
    }

    /// <summary>
    /// A flush does not send the (at most five) bytes held back: the proxy flushes after every read
    /// from the origin, so a tag split across two reads would otherwise never be found. They follow
    /// with the next write or at the end of the response.
    /// </summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    private static int FindClosingBody(ReadOnlySpan<byte> data)
    {
        var from = 0;
        while (true)
        {
            var at = data[from..].IndexOf("</"u8);
            if (at < 0)
            {
                return -1;
            }

            at += from;
            if (at + 6 <= data.Length && IsBody(data.Slice(at + 2, 4)))
            {
                return at;
            }

            from = at + 2;
        }
    }

    /// <summary>How many bytes at the end could begin "&lt;/body" (0 to 5).</summary>
    private static int PartialTagAtEnd(ReadOnlySpan<byte> data)
    {
        for (var keep = Math.Min(5, data.Length); keep > 0; keep--)
        {
            var tail = data[^keep..];
            if (tail[0] == (byte)'<' && (keep == 1 || (tail[1] == (byte)'/' && IsBody(tail[2..], partial: true))))
            {
                return keep;
            }
        }

        return 0;
    }

    private static bool IsBody(ReadOnlySpan<byte> s, bool partial = false)
    {
        if (!partial && s.Length != 4)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            if ((s[i] | 0x20) != Body[i])
            {
                return false;
            }
        }

        return true;
    }
}
