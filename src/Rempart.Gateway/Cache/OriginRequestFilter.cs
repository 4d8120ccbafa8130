using System.Collections.Frozen;
using System.Net.Http.Headers;
using Rempart.Caching;

namespace Rempart.Gateway.Cache;

/// <summary>
/// CloudFront's origin request policy, applied to a request the cache sends to the origin: headers
/// and cookies that are neither in the key nor selected for forwarding are removed, so the origin's
/// answer cannot depend on something the key does not see (cache poisoning). Fields the exchange
/// needs (Host, validators, Range, body framing, Accept-Encoding) always go.
/// </summary>
public sealed class OriginRequestFilter
{
    public static readonly OriginRequestFilter ForwardAll = new(KeyComponentMode.All, [], KeyComponentMode.All, [], [], [], KeyComponentMode.None, []);

    private static readonly FrozenSet<string> AlwaysForwarded = new[]
    {
        "Host", "If-None-Match", "If-Modified-Since", "If-Match", "If-Unmodified-Since", "If-Range", "Range",
        "Content-Length", "Content-Type", "Content-Encoding", "Transfer-Encoding", "Accept-Encoding", "Cookie",
        "Connection", "Upgrade", "Expect", "Authorization",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly KeyComponentMode _headers;
    private readonly FrozenSet<string> _headerNames;
    private readonly KeyComponentMode _cookies;
    private readonly FrozenSet<string> _cookieNames;
    private readonly FrozenSet<string> _keyHeaders;
    private readonly string[] _drop;
    private readonly KeyComponentMode _keyCookies;
    private readonly FrozenSet<string> _keyCookieNames;

    public OriginRequestFilter(
        KeyComponentMode headers, IEnumerable<string> headerNames,
        KeyComponentMode cookies, IEnumerable<string> cookieNames,
        IEnumerable<string> keyHeaders, IEnumerable<string> dropHeaders,
        KeyComponentMode keyCookies, IEnumerable<string> keyCookieNames)
    {
        _headers = headers;
        _headerNames = headerNames.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _cookies = cookies;
        _cookieNames = cookieNames.ToFrozenSet(StringComparer.Ordinal);
        _keyHeaders = keyHeaders.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _drop = dropHeaders.Where(h => !_keyHeaders.Contains(h)).ToArray();
        _keyCookies = keyCookies;
        _keyCookieNames = keyCookieNames.ToFrozenSet(StringComparer.Ordinal);
        ForwardsEverything = headers == KeyComponentMode.All && cookies == KeyComponentMode.All && _drop.Length == 0;
    }

    /// <summary>True when nothing is ever removed, so the filter can be skipped.</summary>
    public bool ForwardsEverything { get; }

    public void Apply(HttpRequestHeaders headers)
    {
        foreach (var name in _drop)
        {
            headers.Remove(name);
        }

        if (_headers != KeyComponentMode.All)
        {
            foreach (var name in headers.Select(h => h.Key).ToList())
            {
                if (!AlwaysForwarded.Contains(name) && !_keyHeaders.Contains(name) && !Selected(_headers, _headerNames, name))
                {
                    headers.Remove(name);
                }
            }
        }

        if (_cookies != KeyComponentMode.All && headers.TryGetValues("Cookie", out var cookie))
        {
            var kept = new List<string>();
            foreach (var line in cookie)
            {
                foreach (var part in line.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var name = part.Split('=', 2)[0];
                    if (Selected(_cookies, _cookieNames, name) || Selected(_keyCookies, _keyCookieNames, name))
                    {
                        kept.Add(part);
                    }
                }
            }

            headers.Remove("Cookie");
            if (kept.Count > 0)
            {
                headers.TryAddWithoutValidation("Cookie", string.Join("; ", kept));
            }
        }
    }

    private static bool Selected(KeyComponentMode mode, FrozenSet<string> names, string name) => mode switch
    {
        KeyComponentMode.All => true,
        KeyComponentMode.None => false,
        KeyComponentMode.AllowList => names.Contains(name),
        _ => !names.Contains(name),
    };
}
