using System.Text;

namespace Rempart.Gateway.Automations;

/// <summary>
/// Adds the honeypot's Disallow lines to a robots.txt (RFC 9309). Each group of the origin's file
/// gets them after its user-agent lines, because a crawler obeys only the group that names it most
/// specifically; a final <c>User-agent: *</c> group covers crawlers no group names.
/// </summary>
public static class RobotsTxt
{
    public static string Merge(string origin, IReadOnlyList<string> traps)
    {
        var disallow = new StringBuilder();
        foreach (var trap in traps)
        {
            disallow.Append("Disallow: ").Append(trap).Append('\n');
        }

        var lines = origin.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var output = new StringBuilder(origin.Length + 256);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (i == lines.Length - 1 && line.Length == 0)
            {
                break;
            }

            output.Append(line).Append('\n');
            var next = i + 1 < lines.Length ? lines[i + 1] : "";
            if (IsUserAgent(line) && !IsUserAgent(next))
            {
                output.Append(disallow);
            }
        }

        if (output.Length > 0)
        {
            output.Append('\n');
        }

        output.Append("# Added by Rempart: paths no honest crawler fetches.\nUser-agent: *\n").Append(disallow);
        return output.ToString();
    }

    private static bool IsUserAgent(string line) => line.TrimStart().StartsWith("user-agent:", StringComparison.OrdinalIgnoreCase);
}
