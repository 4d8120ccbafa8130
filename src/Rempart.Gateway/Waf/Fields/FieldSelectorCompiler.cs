using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Fields;

/// <summary>The one table from field-to-match forms to their selectors.</summary>
public static class FieldSelectorCompiler
{
    public static IFieldSelector Compile(FieldToMatchConfig f)
    {
        if (f.UriPath) return new SimpleFieldSelector("uri_path", c => c.Request.Path);
        if (f.QueryString) return new SimpleFieldSelector("query_string", c => c.Request.QueryString);
        if (f.Method) return new SimpleFieldSelector("method", c => c.Request.Method);
        // Arrival order when the connection was observed (HTTP/1.x); otherwise the server's order, which lists well-known headers first.
        if (f.HeaderOrder) return new SimpleFieldSelector("header_order", c => c.Request.HeaderOrder ?? string.Join(':', c.Request.Headers.Select(h => h.Key.ToLowerInvariant())));
        if (f.Ja3Fingerprint) return new SimpleFieldSelector("ja3_fingerprint", c => c.Request.Ja3Fingerprint);
        if (f.Ja4Fingerprint) return new SimpleFieldSelector("ja4_fingerprint", c => c.Request.Ja4Fingerprint);
        if (f.SingleHeader is { } header) return new SimpleFieldSelector($"single_header:{header.ToLowerInvariant()}", c => c.Request.Header(header));
        if (f.SingleQueryArgument is { } arg)
        {
            return new SimpleFieldSelector($"single_query_argument:{arg}", c =>
                c.Parts.QueryArguments.FirstOrDefault(q => string.Equals(q.Key, arg, StringComparison.OrdinalIgnoreCase)).Value);
        }

        if (f.AllQueryArguments is { } q) return new KeyValueFieldSelector("query_argument", c => c.Parts.QueryArguments, c => c.Parts.QueryOversize, q, needsBody: false);
        if (f.Headers is { } h) return new KeyValueFieldSelector("header", c => c.Request.Headers, _ => false, h, needsBody: false);
        if (f.Cookies is { } k) return new KeyValueFieldSelector("cookie", c => c.Parts.Cookies, c => c.Parts.CookiesOversize, k, needsBody: false);
        if (f.Form is { } form) return new KeyValueFieldSelector("form", c => c.Parts.FormFields, c => c.Parts.FormOversize, form, needsBody: true);
        if (f.JsonBody is { } json) return new JsonBodyFieldSelector(json);
        if (f.Body is { } body) return new BodyFieldSelector(body.Oversize);
        throw new InvalidOperationException("validated configs name exactly one field");
    }
}
