using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Rempart.Gateway.Functions.Edge;

/// <summary>
/// Moves edge messages in and out of ASP.NET: reads the request and response a function sees, and
/// applies what it changed — only what it changed, and never the headers that frame the message
/// (Content-Length, Transfer-Encoding, Connection…), which stay the gateway's to set, as
/// CloudFront keeps them read-only.
/// </summary>
internal static class EdgeHttp
{
    private static readonly FrozenSet<string> FramingHeaders = new[]
    {
        "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer", "proxy-connection", "expect", "http2-settings",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> ReadOnlyResponseHeaders = FramingHeaders.Concat(["content-encoding"]).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static EdgeRequest ReadRequest(HttpContext context)
    {
        var request = context.Request;
        var (_, path, query) = Pipeline.RequestTarget.Of(context);

        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count);
        var cookies = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request.Headers)
        {
            if (name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var header in values)
                {
                    ParseCookieHeader(header, cookies);
                }

                continue;
            }

            var lower = name.ToLowerInvariant();
            foreach (var value in values)
            {
                headers.Add(new(lower, value ?? ""));
            }
        }

        return new EdgeRequest(request.Method, path, CloudFrontEvent.ParseQuery(query ?? ""), headers, cookies);
    }

    public static void ApplyRequest(HttpContext context, EdgeRequest before, EdgeRequest after)
    {
        var request = context.Request;
        var query = after.QueryString;
        if (after.Uri != before.Uri || query != before.QueryString)
        {
            // The function saw PathBase + Path (RequestTarget's rule); its URI replaces both.
            request.PathBase = PathString.Empty;
            request.Path = PathString.FromUriComponent(after.Uri);
            request.QueryString = query.Length == 0 ? QueryString.Empty : new QueryString("?" + query);
            if (context.Features.Get<IHttpRequestFeature>() is { } feature)
            {
                feature.RawTarget = query.Length == 0 ? after.Uri : after.Uri + "?" + query;
            }
        }

        ApplyHeaders(request.Headers, before.Headers, after.Headers, FramingHeaders);
        if (!before.Cookies.SequenceEqual(after.Cookies))
        {
            if (after.Cookies.Count == 0)
            {
                request.Headers.Remove("Cookie");
            }
            else
            {
                request.Headers.Cookie = string.Join("; ", after.Cookies.Select(c => $"{c.Key}={c.Value}"));
            }
        }
    }

    public static EdgeResponse ReadResponse(HttpResponse response)
    {
        var headers = new List<KeyValuePair<string, string>>(response.Headers.Count);
        var cookies = new List<EdgeSetCookie>();
        foreach (var (name, values) in response.Headers)
        {
            var lower = name.ToLowerInvariant();
            foreach (var value in values)
            {
                if (lower == "set-cookie")
                {
                    cookies.Add(EdgeSetCookie.Parse(value ?? ""));
                }
                else
                {
                    headers.Add(new(lower, value ?? ""));
                }
            }
        }

        var reason = response.HttpContext.Features.Get<IHttpResponseFeature>()?.ReasonPhrase;
        return new EdgeResponse(response.StatusCode, reason, headers, cookies, null);
    }

    public static void ApplyResponse(HttpResponse response, EdgeResponse before, EdgeResponse after)
    {
        response.StatusCode = after.StatusCode;
        if (after.StatusDescription != before.StatusDescription && response.HttpContext.Features.Get<IHttpResponseFeature>() is { } feature)
        {
            feature.ReasonPhrase = after.StatusDescription;
        }

        ApplyHeaders(response.Headers, before.Headers, after.Headers, ReadOnlyResponseHeaders);
        if (!before.Cookies.SequenceEqual(after.Cookies))
        {
            response.Headers.SetCookie = new StringValues(after.Cookies.Select(c => c.ToString()).ToArray());
        }
    }

    /// <summary>Writes a response a viewer-request function made (a redirect, a custom answer).</summary>
    public static async Task WriteAsync(HttpContext context, EdgeResponse answer, string requestIdHeader, string requestId)
    {
        var response = context.Response;
        response.StatusCode = answer.StatusCode;
        if (answer.StatusDescription is { } reason && context.Features.Get<IHttpResponseFeature>() is { } feature)
        {
            feature.ReasonPhrase = reason;
        }

        foreach (var (name, value) in answer.Headers)
        {
            if (!ReadOnlyResponseHeaders.Contains(name))
            {
                response.Headers.Append(name, value);
            }
        }

        foreach (var cookie in answer.Cookies)
        {
            response.Headers.Append("Set-Cookie", cookie.ToString());
        }

        response.Headers[requestIdHeader] = requestId;
        var body = answer.Body ?? [];
        if (answer.StatusCode is not (204 or 304))
        {
            response.ContentLength = body.Length;
        }

        if (body.Length > 0 && !HttpMethods.IsHead(context.Request.Method) && answer.StatusCode is not (204 or 304))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static void ApplyHeaders(IHeaderDictionary headers, IReadOnlyList<KeyValuePair<string, string>> before, IReadOnlyList<KeyValuePair<string, string>> after, FrozenSet<string> readOnly)
    {
        var was = Collect(before);
        var now = Collect(after);
        foreach (var name in was.Keys)
        {
            if (!now.ContainsKey(name) && !readOnly.Contains(name))
            {
                headers.Remove(name);
            }
        }

        foreach (var (name, values) in now)
        {
            if (readOnly.Contains(name) || (was.TryGetValue(name, out var old) && old.SequenceEqual(values)))
            {
                continue;
            }

            headers[name] = new StringValues(values.ToArray());
        }
    }

    private static Dictionary<string, List<string>> Collect(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in pairs)
        {
            if (!map.TryGetValue(name, out var list))
            {
                map[name] = list = [];
            }

            list.Add(value);
        }

        return map;
    }

    private static void ParseCookieHeader(string? header, List<KeyValuePair<string, string>> cookies)
    {
        foreach (var part in (header ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            cookies.Add(eq < 0 ? new(part, "") : new(part[..eq], part[(eq + 1)..]));
        }
    }
}
