namespace Rempart.Gateway.Automations;

/// <summary>Parses ban_for values: a duration (240m, 4h, 7d) or <c>forever</c> (null: no expiry).</summary>
public static class BanLength
{
    public static bool TryParse(string text, out TimeSpan? value)
    {
        value = null;
        if (string.Equals(text.Trim(), "forever", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (Configuration.Duration.TryParse(text, out var d) && d > TimeSpan.Zero)
        {
            value = d;
            return true;
        }

        return false;
    }
}
