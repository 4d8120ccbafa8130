using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Rempart.SecLang.Engine;

/// <summary>
/// Compiled regular expressions keyed by (PCRE pattern, options, timeout), shared by every rule that
/// uses the same pattern and by rule sets reloaded with the same options, so a hot reload does not
/// recompile. Patterns are translated from PCRE by <see cref="PcreTranslator"/>; each moves itself to the
/// NonBacktracking engine once traffic makes it expensive (<see cref="AdaptiveRegex"/>).
/// </summary>
public sealed class RegexCache
{
    /// <summary>The process-wide cache.</summary>
    public static readonly RegexCache Shared = new();

    private readonly ConcurrentDictionary<(string Pattern, bool IgnoreCase, TimeSpan Timeout), AdaptiveRegex> _cache = new();

    /// <summary>How many distinct patterns are held.</summary>
    public int Count => _cache.Count;

    /// <summary>
    /// The regex for a PCRE <paramref name="pattern"/> as ModSecurity compiles it for <c>@rx</c>
    /// (dot matches newline). Throws <see cref="ArgumentException"/> for a pattern .NET cannot express.
    /// </summary>
    public AdaptiveRegex Get(string pattern, TimeSpan timeout, bool ignoreCase = false) =>
        _cache.GetOrAdd((pattern, ignoreCase, timeout), static key =>
        {
            var options = RegexOptions.Singleline | RegexOptions.CultureInvariant;
            if (key.IgnoreCase)
            {
                options |= RegexOptions.IgnoreCase;
            }

            return new AdaptiveRegex(PcreTranslator.Translate(key.Pattern), options, key.Timeout);
        });
}
