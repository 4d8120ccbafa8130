using System.Text.RegularExpressions;
using Rempart.Gateway.Waf.Fields;
using Rempart.Gateway.Waf.Transforms;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>
/// regex_match and regex_set: any of the compiled patterns matches. Backtracking patterns run with a
/// match timeout, so a catastrophic pattern cannot hang a request; a timeout counts as a match (fail
/// closed: a value the WAF could not inspect must not pass because of it) and is counted.
/// NonBacktracking patterns run in linear time in the value's length (which the inspection budget
/// bounds) and have no timeout: a wall-clock limit would only turn CPU starvation into misses.
/// </summary>
public sealed class RegexMatchStatement(string kind, Regex[] patterns, IFieldSelector selector, TransformChain transforms, RegexPrefilter? prefilter = null)
    : FieldStatement(kind, selector, transforms)
{
    private readonly IFieldSelector _selector = selector;
    private readonly TransformChain _transforms = transforms;
    // Wall-clock, so it must leave room for a starved CPU: at 50 ms, benign values that a rule's
    // regex had to look at timed out on a 2-core machine at load 40 (and, failing closed, were blocked).
    // 500 ms is the SecLang engine's figure too; it bounds what a catastrophic pattern costs a request.
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(500);

    private static long _timeouts;

    public static long Timeouts => Interlocked.Read(ref _timeouts);

    private Regex[] _patterns = patterns;

    /// <summary>
    /// Interpreted: quick to build (the default ACL's ~100 regexes in a few hundred milliseconds, where
    /// NonBacktracking construction takes about ten times longer), and the chain's prefilter keeps
    /// benign values away from them. Rules whose chain has no active prefilter get linear-time
    /// versions once the config is compiled (<see cref="UseLinearTimeRegexes"/>).
    /// </summary>
    public static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>True when this rule's own regexes see every value (no prefilter shields them).</summary>
    public bool Unshielded => prefilter is not { IsActive: true };

    /// <summary>
    /// Swaps in NonBacktracking versions of the patterns that allow it: linear time and, for the long
    /// literal alternations rules are made of, far faster than the interpreter (a 500-character scanner
    /// alternation on a browser User-Agent: 1 µs against 27 µs; RegexOptions.Compiled: 2.7 µs).
    /// Match/no-match answers are the same; a pattern with lookarounds or backreferences keeps the
    /// interpreter, bounded by the match timeout.
    /// </summary>
    public void UseLinearTimeRegexes(Func<Regex, Regex> linear) => _patterns = _patterns.Select(linear).ToArray();

    /// <summary>
    /// True when no value of the field, transformed, passes the chain's prefilter: then no regex rule
    /// reading this field through this chain can match. Computed once per request and shared by those
    /// rules (in the default ACL, 20-odd rules read the same headers or cookies through the same
    /// chain), so each of them costs one lookup instead of a walk over every value.
    /// </summary>
    protected override bool CannotMatch(WafEvaluationContext context)
    {
        if (prefilter is null || !prefilter.IsActive || _selector is not SharedFieldSelector shared)
        {
            return false;
        }

        var key = ((long)shared.Id << 32) | (uint)_transforms.Id;
        if (context.TryGetFieldGate(key, out var cannot))
        {
            return cannot;
        }

        foreach (var value in context.FieldValues(shared))
        {
            if (context.BudgetExhausted)
            {
                return false; // let the rule walk the values and apply its oversize handling
            }

            var transformed = _transforms.Apply(value.Value, context);
            if (prefilter.MayMatch(transformed, context))
            {
                context.StoreFieldGate(key, false);
                return false;
            }
        }

        context.StoreFieldGate(key, true);
        return true;
    }

    protected override bool Test(string value, WafEvaluationContext context, out string? detail)
    {
        if (prefilter is not null && !prefilter.MayMatch(value, context))
        {
            detail = null;
            return false;
        }

        foreach (var regex in _patterns)
        {
            try
            {
                // IsMatch first: it allocates nothing, and most values that reach here still do not match.
                if (regex.IsMatch(value))
                {
                    var m = regex.Match(value);
                    detail = $"pattern {regex} matched '{(m.Value.Length > 80 ? m.Value[..80] + "…" : m.Value)}'";
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                Interlocked.Increment(ref _timeouts);
                detail = $"pattern {regex} timed out after {MatchTimeout.TotalMilliseconds:0} ms: treated as a match (fail closed)";
                return true;
            }
        }

        detail = null;
        return false;
    }
}
