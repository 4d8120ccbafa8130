using System.Text.RegularExpressions;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>
/// One linear-time scan that tells, for a value, whether any regex rule sharing a transformation
/// chain could match it. Benign values — nearly all of them — then skip every individual regex of
/// that chain: the cost per value is one pass instead of one pass per rule. Built at load as the
/// union of the chain's patterns in .NET's NonBacktracking engine (same match/no-match answers,
/// linear time); a pattern that engine cannot take (lookarounds, backreferences) disables the
/// prefilter for its chain rather than risk a wrong "no".
/// </summary>
public sealed class RegexPrefilter(int id)
{
    private readonly List<string> _patterns = [];
    private Regex? _union;
    private bool _disabled;

    public int Id { get; } = id;

    /// <summary>True once sealed with a union to test; false when every value must go to the rules' own regexes.</summary>
    public bool IsActive => _union is not null;

    public void Add(string pattern) => _patterns.Add(pattern);

    /// <summary>Builds the union once every rule of the config has registered its patterns.</summary>
    public void Seal()
    {
        if (_union is not null || _disabled || _patterns.Count < 2)
        {
            _disabled |= _patterns.Count < 2; // one pattern: the rule's own regex is the filter
            return;
        }

        try
        {
            _union = new Regex(string.Join('|', _patterns.Distinct().Select(p => $"(?:{p})")), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout); // linear time: see RegexMatchStatement
        }
        catch (NotSupportedException)
        {
            _disabled = true;
        }
        catch (ArgumentException)
        {
            _disabled = true;
        }
    }

    /// <summary>False only when no pattern of the chain can match; cached per value for the request.</summary>
    public bool MayMatch(string value, WafEvaluationContext context)
    {
        if (_union is null)
        {
            return true;
        }

        if (context.TryGetPrefilter(value, Id, out var cached))
        {
            return cached;
        }

        bool result;
        try
        {
            result = _union.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            result = true; // cannot tell: let the rules decide
        }

        context.StorePrefilter(value, Id, result);
        return result;
    }
}
