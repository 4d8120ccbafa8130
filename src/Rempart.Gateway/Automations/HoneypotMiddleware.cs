using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Rempart.Gateway.Pipeline;

namespace Rempart.Gateway.Automations;

/// <summary>
/// The honeypot's request-path half (the ban itself is taken by the <see cref="AutomationRunner"/>
/// from the request's completion event). Step 1: honeypot off → next. Step 2: a trap path is
/// answered here with 404 — it never reaches the origin. Step 3: GET /robots.txt goes to the origin
/// and its answer is merged with Rempart's Disallow lines (added to every group, plus a
/// <c>User-agent: *</c> group, RFC 9309); an origin without robots.txt gets Rempart's alone.
/// Step 4 (inject_link): a hidden link to the first trap path goes into HTML answers.
/// </summary>
internal sealed class HoneypotMiddleware(RequestDelegate next)
{
    private const int MaxRobotsBytes = 512 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();

        // Step 1
        var honeypot = feature.Model.Automations.Honeypot;
        if (!honeypot.Enabled)
        {
            return next(context);
        }

        // Step 2
        var path = context.Request.Path.Value ?? "/";
        if (honeypot.IsTrap(path))
        {
            feature.Error = "honeypot";
            return ErrorPageWriter.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", "There is nothing here.");
        }

        // Step 3
        if (honeypot.Robots && path == "/robots.txt" && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            return RobotsAsync(context, honeypot);
        }

        // Step 4
        return honeypot.InjectLink && HttpMethods.IsGet(context.Request.Method) ? InjectLinkAsync(context, honeypot) : next(context);
    }

    /// <summary>
    /// Step 4: the hidden trap link in HTML. Only a 200 <c>text/html</c> answer that leaves
    /// uncompressed (edge compression on for a client that accepts it means no link), without
    /// <c>no-transform</c> and not a range, gets it; its Content-Length goes (chunked instead) and a
    /// strong ETag becomes weak, since the bytes are no longer the origin's.
    /// </summary>
    private async Task InjectLinkAsync(HttpContext context, HoneypotModel honeypot)
    {
        var response = context.Response;
        var original = response.Body;
        var injector = new HtmlLinkInjectionStream(original, honeypot.LinkHtml, () =>
        {
            // Headers already sent (with a length) means the bytes must stay the origin's.
            if (response.HasStarted || !Injectable(response))
            {
                return false;
            }

            // What described the origin's exact bytes no longer holds.
            response.ContentLength = null;
            response.Headers.AcceptRanges = default;
            response.Headers.ContentMD5 = default;
            response.Headers.Remove("Digest");
            response.Headers.Remove("Repr-Digest");
            response.Headers.Remove("Content-Digest");
            if (response.Headers.ETag.ToString() is { Length: > 0 } etag && !etag.StartsWith("W/", StringComparison.Ordinal))
            {
                response.Headers.ETag = "W/" + etag;
            }

            return true;
        });
        response.Body = injector;
        try
        {
            await next(context).ConfigureAwait(false);
            await injector.CompleteAsync(context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            response.Body = original;
        }
    }

    private static bool Injectable(HttpResponse response) =>
        response.StatusCode == StatusCodes.Status200OK
        && response.ContentType is { } type && type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)
        && (response.Headers.ContentEncoding.Count == 0 || response.Headers.ContentEncoding == "identity")
        && response.Headers.ContentRange.Count == 0
        && !response.Headers.CacheControl.ToString().Contains("no-transform", StringComparison.OrdinalIgnoreCase);

    private async Task RobotsAsync(HttpContext context, HoneypotModel honeypot)
    {
        // The origin's answer is buffered (bounded) so lines can be added; ask for it unencoded and whole.
        context.Request.Headers.AcceptEncoding = "identity";
        context.Request.Headers.Remove("Range");
        context.Request.Headers.Remove("If-None-Match");
        context.Request.Headers.Remove("If-Modified-Since");
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = new LimitedStream(buffer, MaxRobotsBytes);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            response.Body = original;
        }

        if (response.StatusCode >= 500 || context.Features.Get<GatewayRequestFeature>()?.Decision is { } d && !d.StartsWith("challenge_passed", StringComparison.Ordinal))
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var originText = response.StatusCode == StatusCodes.Status200OK && buffer.Length < MaxRobotsBytes
            ? Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)
            : "";
        var merged = RobotsTxt.Merge(originText, honeypot.Paths);
        var bytes = Encoding.UTF8.GetBytes(merged);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = bytes.Length;
        response.Headers.ContentEncoding = default;
        response.Headers.ETag = default;
        response.Headers.ContentRange = default;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await original.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Stops buffering past the limit (the origin's robots.txt is then treated as absent).</summary>
    private sealed class LimitedStream(MemoryStream inner, int limit) : WriteOnlyStream
    {
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var room = (int)Math.Max(0, limit - inner.Length);
            inner.Write(buffer[..Math.Min(room, buffer.Length)]);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }
    }
}
