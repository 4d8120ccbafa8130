using System.Text;

namespace Rempart.Gateway.Waf.HeaderOrder;

/// <summary>
/// Follows the bytes of an HTTP/1.x connection as the server reads them and records, for each
/// request head, the header names in the order they arrived. Kestrel parses the same bytes but
/// exposes the headers grouped (well-known names first), which loses what bot fingerprints rely on:
/// the order a client library writes its headers in. Only the framing is tracked — request line,
/// header names, Content-Length or chunked bodies (skipped by count, never copied) — and everything
/// kept is bounded. Host-agnostic: it sees bytes and hands out <see cref="ObservedHead"/>s.
/// Anything it does not follow (an HTTP/2 preface, an upgrade, a framing error) stops the observation
/// for the connection; the WAF then falls back to the server's order.
/// </summary>
public sealed class Http1HeadObserver
{
    public const int MaxQueuedHeads = 16;
    private const int MaxNameLength = 64;
    private const int MaxTargetLength = 2048;
    private const int MaxValueLength = 64;
    private const int MaxHeaders = 200;

    private enum State { RequestLine, HeaderName, HeaderValue, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Stopped }

    /// <summary>The headers whose values the framing needs; every other value is skipped, never copied.</summary>
    private enum FramingHeader { None, ContentLength, TransferEncoding, Upgrade }

    private readonly Queue<ObservedHead> _heads = new();
    private readonly StringBuilder _method = new();
    private readonly StringBuilder _target = new();
    private readonly StringBuilder _order = new();
    private readonly StringBuilder _name = new();
    private readonly StringBuilder _value = new();
    private State _state = State.RequestLine;
    private int _requestLineField; // 0 method, 1 target, 2 version
    private bool _lineStart = true;
    private int _headerCount;
    private long _contentLength;
    private bool _chunked;
    private bool _upgrade;
    private long _remaining;
    private bool _chunkSizeDone;
    private bool _trailerLineEmpty = true;
    private FramingHeader _framing;

    public bool Stopped => _state == State.Stopped;

    /// <summary>The next observed head, oldest first (at most <see cref="MaxQueuedHeads"/> are kept).</summary>
    public bool TryDequeue(out ObservedHead head)
    {
        lock (_heads)
        {
            return _heads.TryDequeue(out head!);
        }
    }

    public void Observe(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length && _state != State.Stopped)
        {
            switch (_state)
            {
                case State.Body:
                case State.ChunkData:
                    var skip = (int)Math.Min(_remaining, bytes.Length - i);
                    i += skip;
                    _remaining -= skip;
                    if (_remaining == 0)
                    {
                        _state = _state == State.Body ? State.RequestLine : State.ChunkDataEnd;
                    }

                    continue;

                // Runs of ordinary bytes are taken in one vectorized search, not a state step each:
                // a value the framing does not need is skipped to its line end...
                case State.HeaderValue when _framing == FramingHeader.None:
                    var end = bytes[i..].IndexOf((byte)'\n');
                    if (end < 0)
                    {
                        return;
                    }

                    i += end;
                    break;

                // ...a header name is lowercased into the order as one run...
                case State.HeaderName:
                    i += NameRun(bytes[i..]);
                    if (i == bytes.Length)
                    {
                        return;
                    }

                    break;

                // ...and so is the request target.
                case State.RequestLine when _requestLineField == 1:
                    var run = bytes[i..].IndexOfAny((byte)' ', (byte)'\r', (byte)'\n');
                    var length = run < 0 ? bytes.Length - i : run;
                    Append(_target, bytes.Slice(i, length), MaxTargetLength, lower: false);
                    i += length;
                    if (run < 0)
                    {
                        return;
                    }

                    break;
            }

            Step(bytes[i++]);
        }
    }

    /// <summary>The bytes of a header name up to its ':' (or a line end), lowercased into the name; returns how many were taken.</summary>
    private int NameRun(ReadOnlySpan<byte> bytes)
    {
        var run = bytes.IndexOfAny((byte)':', (byte)'\r', (byte)'\n');
        var length = run < 0 ? bytes.Length : run;
        if (length > 0)
        {
            _lineStart = false;
            Append(_name, bytes[..length], MaxNameLength, lower: true);
        }

        return length;
    }

    private static void Append(StringBuilder to, ReadOnlySpan<byte> bytes, int max, bool lower)
    {
        Span<char> chars = stackalloc char[64];
        var room = Math.Min(bytes.Length, max - to.Length);
        for (var offset = 0; offset < room; offset += chars.Length)
        {
            var count = Math.Min(chars.Length, room - offset);
            for (var k = 0; k < count; k++)
            {
                var c = (char)bytes[offset + k];
                chars[k] = lower ? char.ToLowerInvariant(c) : c;
            }

            to.Append(chars[..count]);
        }
    }

    private void Step(byte b)
    {
        switch (_state)
        {
            case State.RequestLine:
                RequestLine(b);
                break;
            case State.HeaderName:
                HeaderName(b);
                break;
            case State.HeaderValue:
                HeaderValue(b);
                break;
            case State.ChunkSize:
                ChunkSize(b);
                break;
            case State.ChunkDataEnd:
                if (b == '\n')
                {
                    _state = State.ChunkSize;
                }
                else if (b != '\r')
                {
                    Stop();
                }

                break;
            case State.Trailer:
                if (b == '\n')
                {
                    if (_trailerLineEmpty)
                    {
                        _state = State.RequestLine;
                    }

                    _trailerLineEmpty = true;
                }
                else if (b != '\r')
                {
                    _trailerLineEmpty = false;
                }

                break;
        }
    }

    private void RequestLine(byte b)
    {
        if (b == '\n')
        {
            if (_method.Length == 0)
            {
                return; // empty lines before a request are allowed
            }

            if (_method.ToString() == "PRI")
            {
                Stop(); // HTTP/2 prior knowledge
                return;
            }

            _state = State.HeaderName;
            _lineStart = true;
            return;
        }

        if (b == '\r')
        {
            return;
        }

        if (b == ' ')
        {
            _requestLineField++;
            return;
        }

        switch (_requestLineField)
        {
            case 0 when _method.Length < 16:
                _method.Append((char)b);
                break;
            case 0:
                Stop();
                break;
            case 1 when _target.Length < MaxTargetLength:
                _target.Append((char)b);
                break;
        }
    }

    private void HeaderName(byte b)
    {
        if (b == '\n')
        {
            if (_lineStart)
            {
                EndOfHead();
            }
            else
            {
                Stop(); // a header line without ':'
            }

            return;
        }

        if (b == '\r')
        {
            return;
        }

        if (b == ':')
        {
            if (++_headerCount > MaxHeaders)
            {
                Stop();
                return;
            }

            if (_order.Length > 0)
            {
                _order.Append(':');
            }

            _order.Append(_name);
            _framing = FramingOf(_name);
            _state = State.HeaderValue;
            _value.Clear();
            return;
        }

        _lineStart = false;
        if (_name.Length < MaxNameLength)
        {
            _name.Append(char.ToLowerInvariant((char)b));
        }
    }

    private void HeaderValue(byte b)
    {
        if (b == '\n')
        {
            if (_framing != FramingHeader.None)
            {
                Framing(_framing, _value.ToString().Trim());
            }

            if (_state == State.Stopped)
            {
                return;
            }

            _name.Clear();
            _state = State.HeaderName;
            _lineStart = true;
            return;
        }

        if (_framing != FramingHeader.None && b != '\r' && _value.Length < MaxValueLength)
        {
            _value.Append((char)b);
        }
    }

    private static FramingHeader FramingOf(StringBuilder name) =>
        name.Equals("content-length".AsSpan()) ? FramingHeader.ContentLength
        : name.Equals("transfer-encoding".AsSpan()) ? FramingHeader.TransferEncoding
        : name.Equals("upgrade".AsSpan()) ? FramingHeader.Upgrade
        : FramingHeader.None;

    private void Framing(FramingHeader header, string value)
    {
        switch (header)
        {
            case FramingHeader.ContentLength:
                if (!long.TryParse(value, out _contentLength) || _contentLength < 0)
                {
                    Stop();
                }

                break;
            case FramingHeader.TransferEncoding:
                _chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
                break;
            case FramingHeader.Upgrade:
                _upgrade = true;
                break;
        }
    }

    private void EndOfHead()
    {
        lock (_heads)
        {
            if (_heads.Count == MaxQueuedHeads)
            {
                _heads.Dequeue();
            }

            _heads.Enqueue(new ObservedHead(_method.ToString(), _target.ToString(), _order.ToString()));
        }

        var chunked = _chunked;
        var length = _contentLength;
        var upgrade = _upgrade;
        ResetHead();
        if (upgrade)
        {
            Stop(); // after a 101 the bytes are not HTTP any more
        }
        else if (chunked)
        {
            _state = State.ChunkSize;
            _remaining = 0;
            _chunkSizeDone = false;
        }
        else if (length > 0)
        {
            _state = State.Body;
            _remaining = length;
        }
        else
        {
            _state = State.RequestLine;
        }
    }

    private void ChunkSize(byte b)
    {
        if (b == '\n')
        {
            if (_remaining == 0)
            {
                _state = State.Trailer;
                _trailerLineEmpty = true;
            }
            else
            {
                _state = State.ChunkData;
            }

            _chunkSizeDone = false;
            return;
        }

        if (b == '\r' || _chunkSizeDone)
        {
            return;
        }

        var digit = HexValue(b);
        if (digit < 0)
        {
            _chunkSizeDone = true; // extensions or whitespace after the size
            return;
        }

        if (_remaining > (long.MaxValue >> 4))
        {
            Stop();
            return;
        }

        _remaining = (_remaining << 4) | (uint)digit;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private void ResetHead()
    {
        _method.Clear();
        _target.Clear();
        _order.Clear();
        _name.Clear();
        _requestLineField = 0;
        _headerCount = 0;
        _contentLength = 0;
        _chunked = false;
        _upgrade = false;
    }

    private void Stop()
    {
        _state = State.Stopped;
        lock (_heads)
        {
            _heads.Clear();
        }
    }
}

/// <summary>One request head as it arrived: method and target (to pair it with the request) and its header names in order, lowercased, joined by ':'.</summary>
public sealed record ObservedHead(string Method, string Target, string HeaderOrder);
