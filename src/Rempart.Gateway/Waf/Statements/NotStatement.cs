namespace Rempart.Gateway.Waf.Statements;

/// <summary>not: the nested statement does not match.</summary>
public sealed class NotStatement(IWafStatement inner) : IWafStatement
{
    public bool NeedsBody => inner.NeedsBody;

    public bool Matches(WafEvaluationContext context)
    {
        var saved = context.LastMatch;
        var matched = inner.Matches(context);
        context.LastMatch = matched ? saved : new MatchDetail("not", "-", "", "none", "nested statement did not match");
        return !matched;
    }
}
