using Microsoft.AspNetCore.Http;

namespace Rempart.Gateway.Pipeline;

/// <summary>
/// Lets a stage before forwarding take part in the origin exchange (the cache adds validators to
/// the forwarded request, stores the answer, or answers from what it stored). The forwarder calls
/// it on the outgoing request, once the origin's headers are copied (before anything reaches the
/// client), and when no origin could answer at all.
/// </summary>
public interface IOriginHook
{
    /// <summary>The request about to be sent to the origin, after the gateway's own transforms.</summary>
    void OnOriginRequest(HttpContext context, HttpRequestMessage request);

    /// <summary>
    /// The origin answered with <paramref name="response"/>; its status and headers are already on
    /// <c>context.Response</c>. Returns false when the hook answered the client itself (the origin's
    /// body is then not relayed).
    /// </summary>
    ValueTask<bool> OnOriginResponseAsync(HttpContext context, HttpResponseMessage response, CancellationToken cancellationToken);

    /// <summary>No origin answered (connect error, timeout, no healthy target). Returns true when the hook answered the client.</summary>
    ValueTask<bool> OnOriginUnavailableAsync(HttpContext context);
}
