namespace Rempart.Caching.Http;

/// <summary>Helpers every part of the engine needs on top of <see cref="IHeaderView"/>.</summary>
public static class HeaderViewExtensions
{
    /// <summary>True when at least one field line of <paramref name="name"/> is present.</summary>
    public static bool Contains(this IHeaderView headers, string name) => headers.GetValues(name).Count > 0;

    /// <summary>All field lines joined by ", " (RFC 9110 §5.3), or null when absent.</summary>
    public static string? GetCombined(this IHeaderView headers, string name)
    {
        var values = headers.GetValues(name);
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => string.Join(", ", values),
        };
    }

    /// <summary>The value when exactly one field line is present; null when absent or repeated.</summary>
    public static string? GetSingle(this IHeaderView headers, string name)
    {
        var values = headers.GetValues(name);
        return values.Count == 1 ? values[0] : null;
    }
}
