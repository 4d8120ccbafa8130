namespace Rempart.Gateway.Configuration;

/// <summary>Host patterns of routes and certificates: *, example.com, *.example.com (one label). Compared case-insensitively.</summary>
public static class HostPattern
{
    public static bool IsValid(string pattern)
    {
        if (pattern == "*")
        {
            return true;
        }

        var name = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        return name.Length > 0 && !name.Contains('*') && Uri.CheckHostName(name) != UriHostNameType.Unknown;
    }

    public static bool Matches(string pattern, ReadOnlySpan<char> host)
    {
        if (pattern == "*")
        {
            return true;
        }

        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            var suffix = pattern.AsSpan(1); // ".example.com"
            return host.Length > suffix.Length
                && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && host[..^suffix.Length].IndexOf('.') < 0;
        }

        return host.Equals(pattern, StringComparison.OrdinalIgnoreCase);
    }
}
