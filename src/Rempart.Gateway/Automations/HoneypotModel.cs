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
