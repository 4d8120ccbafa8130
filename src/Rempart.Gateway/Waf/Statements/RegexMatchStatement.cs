using System.Text.RegularExpressions;
using Rempart.Gateway.Waf.Fields;
using Rempart.Gateway.Waf.Transforms;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>
/// regex_match and regex_set: any of the compiled patterns matches. Patterns run with a match
/// timeout; a timeout is not a match (a catastrophic pattern cannot hang a request) and is counted.
/// </summary>
public sealed class RegexMatchStatement(string kind, IReadOnlyList<Regex> patterns, IFieldSelector selector, TransformChain transforms, RegexPrefilter? prefilter = null)
    : FieldStatement(kind, selector, transforms)
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    private static long _timeouts;

    public static long Timeouts => Interlocked.Read(ref _timeouts);

    // Interpreted, not RegexOptions.Compiled: the per-chain prefilter keeps benign values away from these,
    // and compiling ~100 managed-rule regexes to IL costs memory (about 7 MiB of RSS) for no gain.
    public static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant, MatchTimeout);

    protected override bool Test(string value, WafEvaluationContext context, out string? detail)
    {
        if (prefilter is not null && !prefilter.MayMatch(value, context))
        {
            detail = null;
            return false;
        }

        foreach (var regex in patterns)
        {
            try
            {
                var m = regex.Match(value);
                if (m.Success)
                {
                    detail = $"pattern {regex} matched '{(m.Value.Length > 80 ? m.Value[..80] + "…" : m.Value)}'";
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                Interlocked.Increment(ref _timeouts);
            }
        }

        detail = null;
        return false;
    }
}
