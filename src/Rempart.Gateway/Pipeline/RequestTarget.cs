using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Rempart.Gateway.Pipeline;

/// <summary>
/// The request target as the client sent it, split into path and query — the one rule for every
/// stage that inspects or keys on it (WAF, cache, edge functions). For an origin-form target
/// (<c>/a%2Fb?x=1</c>) that is the raw target, percent-encoding untouched and PathBase included,
/// because PathBase is part of what the client wrote. Otherwise (absolute-form, or no raw target)
/// the path is PathBase + Path re-encoded and the query is the request's. <see cref="Query"/> is the
/// part after '?' (null when there is no '?'; empty for a bare '?'). An edge function that rewrites
/// the request also rewrites the raw target (<c>EdgeHttp.ApplyRequest</c>), so later stages see the
/// rewritten one.
/// </summary>
public readonly record struct RequestTarget(string Text, string Path, string? Query)
{
    public static RequestTarget Of(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is { Length: > 0 } && raw[0] == '/')
        {
            var q = raw.IndexOf('?', StringComparison.Ordinal);
            return q < 0 ? new RequestTarget(raw, raw, null) : new RequestTarget(raw, raw[..q], raw[(q + 1)..]);
        }

        var request = context.Request;
        var path = request.PathBase.Add(request.Path).ToUriComponent();
        if (path.Length == 0)
        {
            path = "/";
        }

        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : null;
        return new RequestTarget(query is null ? path : path + "?" + query, path, query);
    }
}
