using Rempart.Caching.Http;

namespace Rempart.Caching.Semantics;

/// <summary>
/// Which header fields are stored (RFC 9111 §3.1), which a 304 or HEAD response may replace
/// (§3.2, §4.3.4) and which go into a 304 the cache generates itself (RFC 9110 §15.4.5).
/// </summary>
public static class HeaderRules
{
    /// <summary>Connection-specific and proxy-specific fields: never stored, never replaced.</summary>
    private static readonly HashSet<string> NeverStored = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Transfer-Encoding", "Upgrade", "Trailer",
        "Proxy-Authenticate", "Proxy-Authentication-Info", "Proxy-Authorization",
    };

    /// <summary>Fields a 304 must not replace: they describe the stored body or the cache depends on them.</summary>
    private static readonly HashSet<string> KeptOnUpdate = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Content-Encoding", "Content-Range", "Content-MD5", "ETag", "Vary",
    };

    /// <summary>Fields a generated 304 carries.</summary>
    private static readonly HashSet<string> NotModifiedFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Vary", "Last-Modified", "Age", "Cache-Status",
    };

    /// <summary>The header fields to store for <paramref name="headers"/>.</summary>
    public static HeaderList ForStorage(IHeaderView headers, CacheDirectives directives)
    {
        var excluded = ConnectionListed(headers);
        foreach (var name in directives.PrivateFields)
        {
            excluded.Add(name);
        }
        foreach (var name in directives.NoCacheFields)
        {
            excluded.Add(name);
        }
        var stored = new HeaderList();
        foreach (var line in headers.Lines)
        {
            if (!NeverStored.Contains(line.Key) && !excluded.Contains(line.Key))
            {
                stored.Add(line.Key, line.Value);
            }
        }
        return stored;
    }

    /// <summary>
    /// The stored fields after a 304 (or a HEAD 200) <paramref name="update"/>: each field the update
    /// carries replaces the stored lines of that name, except those that describe the stored body.
    /// </summary>
    public static HeaderList Merge(IHeaderView stored, IHeaderView update)
    {
        var excluded = ConnectionListed(update);
        var replaced = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in update.Lines)
        {
            if (!NeverStored.Contains(line.Key) && !KeptOnUpdate.Contains(line.Key) && !excluded.Contains(line.Key))
            {
                replaced.Add(line.Key);
            }
        }
        var merged = new HeaderList();
        foreach (var line in stored.Lines)
        {
            if (!replaced.Contains(line.Key))
            {
                merged.Add(line.Key, line.Value);
            }
        }
        foreach (var line in update.Lines)
        {
            if (replaced.Contains(line.Key))
            {
                merged.Add(line.Key, line.Value);
            }
        }
        return merged;
    }

    public static bool IsNotModifiedField(string name) => NotModifiedFields.Contains(name);

    private static HashSet<string> ConnectionListed(IHeaderView headers)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in headers.GetValues("Connection"))
        {
            foreach (var name in line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(name);
            }
        }
        return names;
    }
}
