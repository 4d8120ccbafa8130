namespace Rempart.Gateway.Waf.Statements;

/// <summary>and: every nested statement matches (evaluated in order, stopping at the first that does not).</summary>
public sealed class AndStatement(IWafStatement[] statements) : IWafStatement
{
    public bool NeedsBody { get; } = statements.Any(s => s.NeedsBody);

    public bool Matches(WafEvaluationContext context)
    {
        foreach (var s in statements)
        {
            if (!s.Matches(context))
            {
                return false;
            }
        }

        return true;
    }
}
