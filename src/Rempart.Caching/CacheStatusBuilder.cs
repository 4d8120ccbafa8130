using System.Globalization;
using System.Text;

namespace Rempart.Caching;

/// <summary>
/// Builds this cache's member of the <c>Cache-Status</c> field (RFC 9211 §2), e.g.
/// <c>Rempart; hit; ttl=42</c> or <c>Rempart; fwd=uri-miss; stored</c>.
/// </summary>
public static class CacheStatusBuilder
{
    public static string Hit(string name, double ttlSeconds, string? detail = null, bool collapsed = false) =>
        Build(name, hit: true, fwd: null, fwdStatus: null, ttl: ttlSeconds, stored: false, collapsed, detail);

    public static string Forward(string name, string fwd, int? fwdStatus = null, bool stored = false, bool collapsed = false, double? ttl = null, string? detail = null) =>
        Build(name, hit: false, fwd, fwdStatus, ttl, stored, collapsed, detail);

    public static string Build(string name, bool hit, string? fwd, int? fwdStatus, double? ttl, bool stored, bool collapsed, string? detail)
    {
        var sb = new StringBuilder(64);
        sb.Append(IsToken(name) ? name : Quote(name));
        if (hit)
        {
            sb.Append("; hit");
        }
        if (fwd is not null)
        {
            sb.Append("; fwd=").Append(fwd);
        }
        if (fwdStatus is { } status)
        {
            sb.Append("; fwd-status=").Append(status.ToString(CultureInfo.InvariantCulture));
        }
        if (ttl is { } t)
        {
            var seconds = (long)Math.Floor(Math.Clamp(t, -999_999_999_999_999d, 999_999_999_999_999d));
            sb.Append("; ttl=").Append(seconds.ToString(CultureInfo.InvariantCulture));
        }
        if (stored)
        {
            sb.Append("; stored");
        }
        if (collapsed)
        {
            sb.Append("; collapsed");
        }
        if (detail is not null)
        {
            sb.Append("; detail=").Append(IsToken(detail) ? detail : Quote(detail));
        }
        return sb.ToString();
    }

    private static bool IsToken(string s)
    {
        if (s.Length == 0 || !(char.IsAsciiLetter(s[0]) || s[0] == '*'))
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!(Http.CacheControlParser.IsTchar(c) || c is ':' or '/'))
            {
                return false;
            }
        }
        return true;
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }
            sb.Append(c is >= ' ' and <= '~' ? c : '?');
        }
        return sb.Append('"').ToString();
    }
}
