using Rempart.Gateway.Configuration.Automations;

namespace Rempart.Gateway.Automations;

/// <summary>Compiled honeypot settings.</summary>
public sealed record HoneypotModel(bool Enabled, string[] Paths, TimeSpan? BanFor, bool Robots, bool InjectLink)
{
    public static HoneypotModel From(HoneypotConfig c)
    {
        BanLength.TryParse(c.BanFor, out var banFor);
        return new HoneypotModel(c.Enabled, [.. c.Paths], banFor, c.Robots, c.InjectLink);
    }

    /// <summary>
    /// The hidden link (AWS's honeypot guide's markup): invisible, out of the tab order and of
    /// assistive technology, nofollow for crawlers that honour it — only a bot that ignores both
    /// robots.txt and nofollow fetches it.
    /// </summary>
    public byte[] LinkHtml { get; } = System.Text.Encoding.UTF8.GetBytes(
        $"<a href=\"{System.Net.WebUtility.HtmlEncode(Paths.FirstOrDefault() ?? "/")}\" rel=\"nofollow\" style=\"display:none\" aria-hidden=\"true\" tabindex=\"-1\">.</a>");

    /// <summary>True for a trap path or anything below one ending in '/'.</summary>
    public bool IsTrap(string path)
    {
        foreach (var trap in Paths)
        {
            if (trap.EndsWith('/')
                    ? path.StartsWith(trap, StringComparison.Ordinal) || (path.Length == trap.Length - 1 && trap.StartsWith(path, StringComparison.Ordinal))
                    : path == trap)
            {
                return true;
            }
        }

        return false;
    }
}
