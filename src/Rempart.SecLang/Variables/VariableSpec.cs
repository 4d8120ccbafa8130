using System.Text.RegularExpressions;

namespace Rempart.SecLang.Variables;

/// <summary>
/// One element of a rule's target list: <c>ARGS</c>, <c>ARGS:foo</c>, <c>ARGS:/^id_/</c>,
/// <c>&amp;ARGS</c> (count) or <c>!ARGS:foo</c> (exclusion).
/// </summary>
public sealed class VariableSpec
{
    private List<VariableSpec>? _exclusions;

    public VariableSpec(IVariable variable, string? key, Regex? keyRegex, bool isCount, bool isExclusion)
    {
        Variable = variable;
        Key = key;
        KeyRegex = keyRegex;
        IsCount = isCount;
        IsExclusion = isExclusion;
    }

    /// <summary>The variable.</summary>
    public IVariable Variable { get; }

    /// <summary>The literal key (case-insensitive), or null.</summary>
    public string? Key { get; }

    /// <summary>The regular-expression key, or null.</summary>
    public Regex? KeyRegex { get; }

    /// <summary><c>&amp;VAR</c>: the rule sees the number of selected values instead of the values.</summary>
    public bool IsCount { get; }

    /// <summary><c>!VAR:key</c>: removes keys from the same variable's other specs.</summary>
    public bool IsExclusion { get; }

    /// <summary>The exclusions of the same variable in the same rule.</summary>
    public IReadOnlyList<VariableSpec> Exclusions => (IReadOnlyList<VariableSpec>?)_exclusions ?? [];

    /// <summary>True when the spec names no key, so every key is selected.</summary>
    public bool SelectsAll => Key is null && KeyRegex is null;

    /// <summary>True when <paramref name="key"/> is selected by this spec and not removed by an exclusion.</summary>
    public bool Selects(string key)
    {
        if (!MatchesKey(key))
        {
            return false;
        }

        if (_exclusions is not null)
        {
            foreach (var exclusion in _exclusions)
            {
                if (exclusion.MatchesKey(key))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>True when this spec's key part (ignoring exclusions) covers <paramref name="key"/>.</summary>
    public bool MatchesKey(string key)
    {
        if (Key is not null)
        {
            return string.Equals(Key, key, StringComparison.OrdinalIgnoreCase);
        }

        if (KeyRegex is null)
        {
            return true;
        }

        try
        {
            return KeyRegex.IsMatch(key);
        }
        catch (RegexMatchTimeoutException)
        {
            // A key regex that ran out of time (a starved machine, a hostile key): select the key, so the
            // value is inspected rather than skipped.
            return true;
        }
    }

    internal void AddExclusion(VariableSpec exclusion) => (_exclusions ??= []).Add(exclusion);

    internal void ClearExclusions() => _exclusions = null;

    /// <summary>The spec as written.</summary>
    public override string ToString()
    {
        var prefix = IsExclusion ? "!" : IsCount ? "&" : "";
        var key = Key is not null ? ":" + Key : KeyRegex is not null ? ":/" + KeyRegex + "/" : "";
        return prefix + Variable.Name + key;
    }
}
