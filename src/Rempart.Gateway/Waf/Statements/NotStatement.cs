namespace Rempart.Gateway.Waf.Statements;

/// <summary>not: the nested statement does not match.</summary>
public sealed class NotStatement(IWafStatement inner) : IWafStatement
{
    // Immutable and the same for every request: one instance, not one per evaluation.
    private static readonly MatchDetail NestedDidNotMatch = new("not", "-", "", "none", "nested statement did not match");

    public bool NeedsBody => inner.NeedsBody;

    public bool Matches(WafEvaluationContext context)
    {
        var saved = context.LastMatch;
        var matched = inner.Matches(context);
        context.LastMatch = matched ? saved : NestedDidNotMatch;
        return !matched;
    }
}
