using System.Globalization;
using System.Runtime.CompilerServices;
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
        // Built on the stack: one string per response (a hit builds one too).
        var sb = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[128]);
        sb.AppendLiteral(IsToken(name) ? name : Quote(name));
        if (hit)
        {
            sb.AppendLiteral("; hit");
        }
        if (fwd is not null)
        {
            sb.AppendLiteral("; fwd=");
            sb.AppendLiteral(fwd);
        }
        if (fwdStatus is { } status)
        {
            sb.AppendLiteral("; fwd-status=");
            sb.AppendFormatted(status);
        }
        if (ttl is { } t)
        {
            sb.AppendLiteral("; ttl=");
            sb.AppendFormatted((long)Math.Floor(Math.Clamp(t, -999_999_999_999_999d, 999_999_999_999_999d)));
        }
        if (stored)
        {
            sb.AppendLiteral("; stored");
        }
        if (collapsed)
        {
            sb.AppendLiteral("; collapsed");
        }
        if (detail is not null)
        {
            sb.AppendLiteral("; detail=");
            sb.AppendLiteral(IsToken(detail) ? detail : Quote(detail));
        }
        return sb.ToStringAndClear();
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
