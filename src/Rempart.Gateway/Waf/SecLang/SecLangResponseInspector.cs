using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Rempart.Gateway.Waf.SecLang;

/// <summary>
/// Phases 3 and 4 on the way out. It stands in for the response body feature, so nothing reaches the client
/// before the rules have seen it: at the first write (or start, or end) it runs phase 3 on the status and
/// headers; when a group inspects this response's body (its type listed, not content-encoded) it holds the body
/// up to the limit and runs phase 4, then sends what it held and streams the rest (ProcessPartial). A block
/// decided here therefore always replaces the whole response: the stage writes the block page instead.
/// </summary>
internal sealed class SecLangResponseInspector : Pipeline.WriteOnlyStream, IHttpResponseBodyFeature
{
    private readonly HttpContext _context;
    private readonly IHttpResponseBodyFeature _inner;
    private readonly IReadOnlyList<SecLangRun> _runs;
    private readonly Action<string> _addLabel;
    private readonly int _bodyLimit;
    private MemoryStream? _held;
    private PipeWriter? _writer;
    private State _state;

    public SecLangResponseInspector(HttpContext context, IHttpResponseBodyFeature inner, IReadOnlyList<SecLangRun> runs, Action<string> addLabel)
    {
        _context = context;
        _inner = inner;
        _runs = runs;
        _addLabel = addLabel;
        _bodyLimit = runs.Max(r => r.Group.InspectsResponseBody ? r.Group.ResponseBodyLimit : 0);
    }

    private enum State
    {
        Pending,
        Holding,
        Passing,
        Blocked,
    }

    /// <summary>The block decided by phase 3 or 4; the response has not started and the stage replaces it.</summary>
    public WafAction? Block { get; private set; }

    public string? BlockingRule { get; private set; }

    /// <summary>The matches of phases 3–4 (count or block), for metrics, samples and the event.</summary>
    public List<RuleMatch> Matches { get; } = [];

    /// <summary>Runs whatever is still owed (phase 3 for empty responses, phase 4 for held bodies) and sends what was held.</summary>
    public async Task FinishAsync()
    {
        if (_state == State.Pending)
        {
            Decide();
        }

        if (_state == State.Holding)
        {
            InspectHeld();
            await ReleaseAsync(default).ConfigureAwait(false);
        }
    }

    // IHttpResponseBodyFeature
    Stream IHttpResponseBodyFeature.Stream => this;

    PipeWriter IHttpResponseBodyFeature.Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    void IHttpResponseBodyFeature.DisableBuffering() => _inner.DisableBuffering();

    async Task IHttpResponseBodyFeature.StartAsync(CancellationToken cancellationToken)
    {
        if (_state == State.Pending)
        {
            Decide();
        }

        if (_state == State.Passing)
        {
            await _inner.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    Task IHttpResponseBodyFeature.SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken) =>
        SendFileFallback.SendFileAsync(this, path, offset, count, cancellationToken);

    async Task IHttpResponseBodyFeature.CompleteAsync()
    {
        if (_writer is not null)
        {
            await _writer.FlushAsync().ConfigureAwait(false);
        }

        await FinishAsync().ConfigureAwait(false);
        if (_state == State.Passing)
        {
            await _inner.CompleteAsync().ConfigureAwait(false);
        }
    }

    // Stream

    public override void Flush() => FlushAsync(default).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _state == State.Passing ? _inner.Stream.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_state == State.Pending)
        {
            Decide();
        }

        switch (_state)
        {
            case State.Passing:
                await _inner.Stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
                return;
            case State.Holding:
                _held!.Write(buffer.Span);
                if (_held.Length > _bodyLimit)
                {
                    InspectHeld();
                    await ReleaseAsync(cancellationToken).ConfigureAwait(false);
                }

                return;
        }

        // Blocked: the origin's body is dropped; the stage writes the block page.
    }

    /// <summary>Phase 3: status and headers; then whether the body is held for phase 4.</summary>
    private void Decide()
    {
        var response = _context.Response;
        var encoded = !string.IsNullOrEmpty(response.Headers.ContentEncoding) && !string.Equals(response.Headers.ContentEncoding, "identity", StringComparison.OrdinalIgnoreCase);
        var hold = false;
        foreach (var run in _runs)
        {
            var tx = run.Transaction;
            if (tx.Interruption is not null)
            {
                continue;
            }

            run.Guard(() =>
            {
                foreach (var (name, values) in response.Headers)
                {
                    tx.AddResponseHeader(name, Rempart.SecLang.Text.Latin1.FromText(values.ToString()));
                }

                tx.ProcessResponseHeaders(response.StatusCode, _context.Request.Protocol);
            });
            if (Stop(run))
            {
                return;
            }

            hold |= run.Group.InspectsResponseBody && !encoded && tx.IsResponseBodyInspectable;
        }

        if (hold)
        {
            _held = new MemoryStream();
            _state = State.Holding;
        }
        else
        {
            _state = State.Passing;
        }
    }

    /// <summary>Phase 4 on what was held (the start of the body when it outgrew the limit).</summary>
    private void InspectHeld()
    {
        var held = _held!.GetBuffer().AsMemory(0, (int)_held.Length);
        foreach (var run in _runs)
        {
            var tx = run.Transaction;
            if (tx.Interruption is not null || !run.Group.InspectsResponseBody || !tx.IsResponseBodyInspectable)
            {
                continue;
            }

            run.Guard(() =>
            {
                tx.AppendResponseBody(held.Span);
                tx.ProcessResponseBody();
            });
            if (Stop(run))
            {
                return;
            }
        }
    }

    private bool Stop(SecLangRun run)
    {
        if (run.Report(_addLabel, Matches, null) is { } block)
        {
            Block = block;
            BlockingRule = run.BlockingRule;
            _state = State.Blocked;
            _held = null;
            return true;
        }

        return false;
    }

    private async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (_state != State.Holding)
        {
            return;
        }

        _state = State.Passing;
        var held = _held!;
        _held = null;
        if (held.Length > 0)
        {
            await _inner.Stream.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length), cancellationToken).ConfigureAwait(false);
        }
    }
}
