using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace Rempart.Gateway.Functions.Edge;

/// <summary>
/// The CloudFront Functions event object, built in a Jint engine and read back from what the
/// handler returns, so that an existing CloudFront Function runs unchanged:
/// <c>{ version, context: { distributionDomainName, distributionId, eventType, requestId },
/// viewer: { ip }, request: { method, uri, querystring, headers, cookies }, response: { statusCode,
/// statusDescription, headers, cookies } }</c>, every map in CloudFront's
/// <c>{ name: { value, multiValue: [{ value }] } }</c> form. What comes back is checked here: a header
/// with a line break, a bad status or a path without '/' is refused as a function error, never sent.
/// </summary>
public static class CloudFrontEvent
{
    public const string Version = "1.0";

    public static JsValue ViewerRequest(Engine engine, EdgeContext context, EdgeRequest request)
    {
        var e = Envelope(engine, context, "viewer-request");
        e.Set("request", Request(engine, request));
        return e;
    }

    public static JsValue ViewerResponse(Engine engine, EdgeContext context, EdgeRequest request, EdgeResponse response)
    {
        var e = Envelope(engine, context, "viewer-response");
        e.Set("request", Request(engine, request));
        var r = new JsObject(engine);
        r.Set("statusCode", response.StatusCode);
        if (response.StatusDescription is { } description)
        {
            r.Set("statusDescription", description);
        }

        r.Set("headers", Map(engine, response.Headers));
        r.Set("cookies", SetCookies(engine, response.Cookies));
        e.Set("response", r);
        return e;
    }

    /// <summary>A viewer-request handler returns the request (changed or not) or a response (it has a statusCode).</summary>
    public static EdgeResult ReadViewerRequestResult(JsValue result, EdgeRequest original)
    {
        if (result is not ObjectInstance o)
        {
            throw new FunctionResultException("the handler returned no object: return event.request, or a response with a statusCode");
        }

        return o.Get("statusCode").IsUndefined()
            ? new EdgeResult(ReadRequest(o, original), null)
            : new EdgeResult(null, ReadResponse(o, allowBody: true));
    }

    /// <summary>A viewer-response handler returns the response (changed or not).</summary>
    public static EdgeResponse ReadViewerResponseResult(JsValue result)
    {
        if (result is not ObjectInstance o || o.Get("statusCode").IsUndefined())
        {
            throw new FunctionResultException("the handler returned no response: return event.response");
        }

        return ReadResponse(o, allowBody: false);
    }

    private static JsObject Envelope(Engine engine, EdgeContext context, string eventType)
    {
        var e = new JsObject(engine);
        e.Set("version", Version);
        var c = new JsObject(engine);
        c.Set("distributionDomainName", context.DomainName);
        c.Set("distributionId", context.DistributionId);
        c.Set("eventType", eventType);
        c.Set("requestId", context.RequestId);
        e.Set("context", c);
        var viewer = new JsObject(engine);
        viewer.Set("ip", context.ViewerIp);
        e.Set("viewer", viewer);
        return e;
    }

    private static JsObject Request(Engine engine, EdgeRequest request)
    {
        var r = new JsObject(engine);
        r.Set("method", request.Method);
        r.Set("uri", request.Uri);
        r.Set("querystring", Map(engine, request.Query));
        r.Set("headers", Map(engine, request.Headers));
        r.Set("cookies", Map(engine, request.Cookies));
        return r;
    }

    private static JsObject Map(Engine engine, IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var map = new JsObject(engine);
        foreach (var (name, values) in Group(pairs, p => p.Key))
        {
            var entry = new JsObject(engine);
            entry.Set("value", values[0].Value);
            if (values.Count > 1)
            {
                entry.Set("multiValue", new JsArray(engine, values.Select(v => (JsValue)ValueObject(engine, v.Value, null)).ToArray()));
            }

            map.Set(name, entry);
        }

        return map;
    }

    private static JsObject SetCookies(Engine engine, IReadOnlyList<EdgeSetCookie> cookies)
    {
        var map = new JsObject(engine);
        foreach (var (name, values) in Group(cookies, c => c.Name))
        {
            var entry = ValueObject(engine, values[0].Value, values[0].Attributes);
            if (values.Count > 1)
            {
                entry.Set("multiValue", new JsArray(engine, values.Select(v => (JsValue)ValueObject(engine, v.Value, v.Attributes)).ToArray()));
            }

            map.Set(name, entry);
        }

        return map;
    }

    private static JsObject ValueObject(Engine engine, string value, string? attributes)
    {
        var o = new JsObject(engine);
        o.Set("value", value);
        if (!string.IsNullOrEmpty(attributes))
        {
            o.Set("attributes", attributes);
        }

        return o;
    }

    private static List<(string Name, List<T> Values)> Group<T>(IEnumerable<T> items, Func<T, string> name)
    {
        var order = new List<(string, List<T>)>();
        var index = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var n = name(item);
            if (!index.TryGetValue(n, out var list))
            {
                index[n] = list = [];
                order.Add((n, list));
            }

            list.Add(item);
        }

        return order;
    }

    private static EdgeRequest ReadRequest(ObjectInstance o, EdgeRequest original)
    {
        var uri = o.Get("uri");
        var path = uri.IsUndefined() ? original.Uri : TypeConverter.ToString(uri);
        if (!path.StartsWith('/') || path.Any(char.IsControl))
        {
            throw new FunctionResultException($"request.uri '{Cut(path)}' must start with / and hold no control characters");
        }

        var query = o.Get("querystring");
        var pairs = query.IsString() ? ParseQuery(query.AsString().TrimStart('?')) : ReadMap(query, "request.querystring", lowerCase: false, Validate.QueryPart);
        return new EdgeRequest(
            original.Method,
            UriText.EncodePath(path),
            pairs.Select(p => new KeyValuePair<string, string>(UriText.EncodeQuery(p.Key), UriText.EncodeQuery(p.Value))).ToList(),
            ReadMap(o.Get("headers"), "request.headers", lowerCase: true, Validate.Header),
            ReadMap(o.Get("cookies"), "request.cookies", lowerCase: false, Validate.Cookie));
    }

    private static EdgeResponse ReadResponse(ObjectInstance o, bool allowBody)
    {
        var statusValue = TypeConverter.ToNumber(o.Get("statusCode"));
        if (double.IsNaN(statusValue) || statusValue != Math.Floor(statusValue) || statusValue is < 200 or > 599)
        {
            throw new FunctionResultException($"statusCode {o.Get("statusCode")} is not an HTTP status from 200 to 599");
        }

        var description = o.Get("statusDescription");
        var reason = description.IsUndefined() || description.IsNull() ? null : TypeConverter.ToString(description);
        if (reason is not null && reason.Any(c => char.IsControl(c) || c > 0x7E))
        {
            throw new FunctionResultException("statusDescription holds characters a status line cannot carry");
        }

        var headers = ReadMap(o.Get("headers"), "response.headers", lowerCase: true, Validate.Header);
        var cookies = ReadSetCookies(o.Get("cookies"));
        byte[]? body = null;
        if (allowBody)
        {
            body = ReadBody(o.Get("body"));
        }

        return new EdgeResponse((int)statusValue, reason, headers, cookies, body);
    }

    private static byte[]? ReadBody(JsValue body)
    {
        if (body.IsUndefined() || body.IsNull())
        {
            return null;
        }

        if (body is ObjectInstance b)
        {
            var data = TypeConverter.ToString(b.Get("data"));
            var encoding = b.Get("encoding");
            if (!encoding.IsUndefined() && TypeConverter.ToString(encoding) == "base64")
            {
                try
                {
                    return Convert.FromBase64String(data);
                }
                catch (FormatException)
                {
                    throw new FunctionResultException("response.body.data is not valid base64");
                }
            }

            return Encoding.UTF8.GetBytes(data);
        }

        return Encoding.UTF8.GetBytes(TypeConverter.ToString(body));
    }

    private static List<KeyValuePair<string, string>> ReadMap(JsValue value, string what, bool lowerCase, Func<string, string, string, string?> validate)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (value.IsUndefined() || value.IsNull())
        {
            return pairs;
        }

        if (value is not ObjectInstance map)
        {
            throw new FunctionResultException($"{what} must be an object of {{ name: {{ value }} }}");
        }

        foreach (var key in map.GetOwnPropertyKeys(Types.String))
        {
            var name = lowerCase ? key.AsString().ToLowerInvariant() : key.AsString();
            foreach (var v in Values(map.Get(key)))
            {
                if (validate(what, name, v) is { } problem)
                {
                    throw new FunctionResultException(problem);
                }

                pairs.Add(new(name, v));
            }
        }

        return pairs;
    }

    private static List<EdgeSetCookie> ReadSetCookies(JsValue value)
    {
        var cookies = new List<EdgeSetCookie>();
        if (value is not ObjectInstance map)
        {
            return cookies;
        }

        foreach (var key in map.GetOwnPropertyKeys(Types.String))
        {
            var name = key.AsString();
            var entry = map.Get(key);
            var items = entry is ObjectInstance e && e.Get("multiValue") is JsArray { Length: > 0 } multi ? multi.ToArray() : [entry];
            foreach (var item in items)
            {
                var v = item is ObjectInstance io ? io.Get("value") : item;
                if (v.IsUndefined())
                {
                    continue;
                }

                var attributes = item is ObjectInstance ia && !ia.Get("attributes").IsUndefined() ? TypeConverter.ToString(ia.Get("attributes")) : "";
                var cookie = new EdgeSetCookie(name, TypeConverter.ToString(v), attributes);
                var problem = Validate.Cookie("response.cookies", name, cookie.Value) ?? Validate.Header("response.cookies", "set-cookie", cookie.ToString());
                if (problem is not null)
                {
                    throw new FunctionResultException(problem);
                }

                cookies.Add(cookie);
            }
        }

        return cookies;
    }

    private static IEnumerable<string> Values(JsValue entry)
    {
        if (entry is ObjectInstance o)
        {
            if (o.Get("multiValue") is JsArray { Length: > 0 } multi)
            {
                foreach (var item in multi)
                {
                    var v = item is ObjectInstance io ? io.Get("value") : item;
                    if (!v.IsUndefined() && !v.IsNull())
                    {
                        yield return TypeConverter.ToString(v);
                    }
                }

                yield break;
            }

            var value = o.Get("value");
            if (!value.IsUndefined() && !value.IsNull())
            {
                yield return TypeConverter.ToString(value);
            }
        }
        else if (!entry.IsUndefined() && !entry.IsNull())
        {
            yield return TypeConverter.ToString(entry);
        }
    }

    internal static List<KeyValuePair<string, string>> ParseQuery(string query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            pairs.Add(eq < 0 ? new(part, "") : new(part[..eq], part[(eq + 1)..]));
        }

        return pairs;
    }

    private static string Cut(string s) => s.Length > 64 ? s[..64] + "…" : s;

    /// <summary>Checks on names and values a function hands back; each returns the problem or null.</summary>
    private static class Validate
    {
        public static string? Header(string what, string name, string value)
        {
            if (name.Length == 0 || !name.All(IsTokenChar))
            {
                return $"{what}: '{Cut(name)}' is not a valid header name";
            }

            return value.Any(c => c is '\r' or '\n' or '\0') ? $"{what}: the value of '{name}' holds a line break or NUL" : null;
        }

        public static string? Cookie(string what, string name, string value)
        {
            if (name.Length == 0 || !name.All(IsTokenChar))
            {
                return $"{what}: '{Cut(name)}' is not a valid cookie name";
            }

            return value.Any(c => c is '\r' or '\n' or '\0' or ';') ? $"{what}: the value of '{name}' holds a line break, NUL or ';'" : null;
        }

        public static string? QueryPart(string what, string name, string value) =>
            (name + value).Any(c => c is '\r' or '\n' or '\0') ? $"{what}: '{Cut(name)}' holds a line break or NUL" : null;

        private static bool IsTokenChar(char c) =>
            c is > ' ' and < (char)0x7F && "\"(),/:;<=>?@[\\]{}".IndexOf(c) < 0;
    }
}
